/**
 * Enumeration types (PostgreSQL; inline enums elsewhere are part of the column type).
 */
import { enumsEqual } from '../model/equality.js';
import type { Model } from '../model/types.js';
import type { Operation } from '../operations/types.js';
import { qualifiedName } from '../model/qualified-name.js';
import { candidates, indexByQualifiedName } from './named.js';

/**
 * Create, drop or alter enumeration types by name. A declared enumeration that no canonical
 * form holds is one the server keeps no type for (MySQL's inline `ENUM`, SQLite's text): its
 * values are part of the column type there, and there is nothing to create.
 *
 * @example
 * compareEnums(databaseModel, schemaModel); // [{ kind: 'createEnum', enum: { name: 'mood', values } }]
 */
export function compareEnums(database: Model, schema: Model, canonical: readonly Model[] = []): Operation[] {
  const databaseByName = indexByQualifiedName(database.enums);
  const schemaByName = indexByQualifiedName(schema.enums);
  const canonicalByName = canonical.map((m) => indexByQualifiedName(m.enums));
  const ops: Operation[] = [];
  for (const type of database.enums) {
    const declared = schemaByName.get(qualifiedName(type));
    if (!declared) ops.push({ kind: 'dropEnum', enum: type });
    else if (!candidates(declared, canonicalByName.map((map) => map.get(qualifiedName(type)))).some((other) => enumsEqual(type, other))) {
      ops.push({ kind: 'alterEnum', from: type, to: declared });
    }
  }
  const storedAsType = (name: string) => canonical.length === 0 || canonicalByName.some((map) => map.has(name));
  for (const type of schema.enums) {
    if (!databaseByName.has(qualifiedName(type)) && storedAsType(qualifiedName(type))) ops.push({ kind: 'createEnum', enum: type });
  }
  return ops;
}
