/**
 * Enumerations: a named list of values, called to declare a column of that type.
 */
import { SchemigrateError } from '../util/errors.js';
import { ENUM, type EnumData } from './brands.js';
import type { NewColumn } from './column.js';
import { column } from './column-types.js';

/** An enumeration; call it to declare a column of its type (whose values are typed as `V`). */
export interface EnumDefinition<V extends string = string> {
  (): NewColumn<'enum', V>;
  readonly [ENUM]: EnumData;
  readonly name: string;
  readonly values: readonly V[];
}

/**
 * Declare an enumeration (a PostgreSQL enum type; an inline ENUM or CHECK elsewhere).
 * Export it from the barrel, or let the columns that use it carry it in.
 *
 * @example
 * export const mood = enumeration('mood', ['sad', 'ok', 'happy']);
 * export const people = table('people', { feeling: mood().notNull() });
 */
export function enumeration<const V extends string>(name: string, values: readonly V[]): EnumDefinition<V> {
  return defineEnumeration(name, values);
}

/**
 * `enumeration()` in a named schema (undefined: the default schema), for `pgSchema(name).enumeration()`.
 *
 * @example
 * defineEnumeration('level', ['info', 'error'], 'audit');
 */
export function defineEnumeration<const V extends string>(name: string, values: readonly V[], schema?: string): EnumDefinition<V> {
  if (typeof name !== 'string' || name === '') throw new SchemigrateError('enumeration() needs a name.');
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
    throw new SchemigrateError(`enumeration '${name}' needs a non-empty array of string values.`);
  }
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) throw new SchemigrateError(`enumeration '${name}' lists '${duplicate}' twice.`);

  const data: EnumData = { name, ...(schema !== undefined && { schema }), values: [...values] };
  const definition = () => column({ kind: 'enum', name, values: data.values, ...(schema !== undefined && { schema }) });
  Object.defineProperty(definition, 'name', { value: name });
  Object.defineProperty(definition, 'values', { value: data.values, enumerable: true });
  Object.defineProperty(definition, ENUM, { value: data });
  return definition as unknown as EnumDefinition<V>;
}
