/**
 * Identity of schema objects across PostgreSQL schemas (namespaces). An object in the default
 * schema is known by its bare name, as before schemas existed; one in a named schema by
 * `schema.name`, the form Kysely's builders parse (`createTable('audit.events')`). Diff,
 * ordering and operations use this string wherever a table or enum is matched or referred to.
 */

/** Anything that lives in a schema: a table, an enum type, an enum column type. */
export interface Schemable {
  readonly name: string;
  readonly schema?: string;
}

/**
 * The identity of a table or enum: `name` in the default schema, `schema.name` otherwise.
 *
 * @example
 * qualifiedName({ name: 'users' }); // 'users'
 * qualifiedName({ name: 'events', schema: 'audit' }); // 'audit.events'
 */
export function qualifiedName(object: Schemable): string {
  return object.schema === undefined ? object.name : `${object.schema}.${object.name}`;
}

/**
 * The identity of the table a foreign key references.
 *
 * @example
 * referencedName({ referencedTable: 'events', referencedSchema: 'audit' }); // 'audit.events'
 */
export function referencedName(fk: { readonly referencedTable: string; readonly referencedSchema?: string }): string {
  return qualifiedName({ name: fk.referencedTable, ...(fk.referencedSchema !== undefined && { schema: fk.referencedSchema }) });
}

/**
 * Split a table identity used by operations back into its schema and bare name, the way
 * Kysely splits `'schema.table'` (at the first dot).
 *
 * @example
 * splitQualified('audit.events'); // { schema: 'audit', name: 'events' }
 * splitQualified('users'); // { name: 'users' }
 */
export function splitQualified(identity: string): Schemable {
  const dot = identity.indexOf('.');
  return dot < 0 ? { name: identity } : { schema: identity.slice(0, dot), name: identity.slice(dot + 1) };
}

/**
 * The named schemas a model's tables and enums live in, sorted and each once.
 *
 * @example
 * namedSchemas({ tables: [{ name: 'events', schema: 'audit', … }], enums: [] }); // ['audit']
 */
export function namedSchemas(model: { readonly tables: readonly Schemable[]; readonly enums: readonly Schemable[] }): string[] {
  const names = new Set([...model.tables, ...model.enums].flatMap((object) => (object.schema === undefined ? [] : [object.schema])));
  return [...names].sort();
}
