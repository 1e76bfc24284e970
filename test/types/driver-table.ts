/**
 * The run-time table of driver values (test/helpers/driver-values.ts) says what the type
 * table (src/schema/driver-types.ts) says, entry by entry: otherwise this file fails to compile.
 */
import type { DialectName } from '../../src/config/url.js';
import type { DriverTypes, OwnValue } from '../../src/schema/driver-types.js';
import type { PortableKind, SELECTED, ValueName } from '../helpers/driver-values.js';
import type { Equal, Expect } from './expect.js';

interface TypeOfValue {
  number: number;
  string: string;
  boolean: boolean;
  Date: Date;
  Buffer: Buffer;
  document: OwnValue;
  label: OwnValue;
}

type Agreement = {
  [D in DialectName]: { [K in PortableKind]: Equal<TypeOfValue[(typeof SELECTED)[D][K] & ValueName], DriverTypes[D][K]['select']> };
};

export type EveryEntryAgrees = Expect<Equal<Agreement[DialectName][PortableKind], true>>;
