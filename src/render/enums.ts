/**
 * Enumeration types, created and dropped with Kysely's `createType`/`dropType` builders
 * (changing their values is PostgreSQL's own: `dialects/postgres/enum-changes.ts`).
 */
import { qualifiedName } from '../model/qualified-name.js';
import type { EnumType } from '../model/types.js';
import { chain, jsString, jsStringArray } from './code.js';

/**
 * `db.schema.createType(name).asEnum([...])`.
 *
 * @example
 * createEnumStatement({ name: 'mood', values: ['sad', 'happy'] });
 */
export function createEnumStatement(type: EnumType): string {
  return chain([`createType(${jsString(qualifiedName(type))})`, `asEnum(${jsStringArray(type.values)})`]);
}

/**
 * `db.schema.dropType(name)`.
 *
 * @example
 * dropEnumStatement({ name: 'mood', values: [] });
 */
export function dropEnumStatement(type: EnumType): string {
  return chain([`dropType(${jsString(qualifiedName(type))})`]);
}
