/**
 * The config's `targets`: reading and checking them, picking one by name, and the URL a target
 * connects with — for a PostgreSQL schema target, the database's URL with the schema as the
 * connection's only `search_path`, so that the version table and every unqualified name live
 * in that schema.
 */
import type { Kysely } from 'kysely';
import type { ResolvedConfig, TargetSpec } from '../config/types.js';
import { parseDatabaseUrl, type DialectName } from '../config/url.js';
import { getDialect } from '../dialects/registry.js';
import { redact } from '../config/redact.js';
import { SchemigrateError } from '../util/errors.js';

/** A checked target. */
export interface Target {
  readonly name: string;
  readonly url: string;
  /** PostgreSQL schema-per-tenant: the schema of `url`'s database the target lives in. */
  readonly schema?: string;
}

/** A schema name a `search_path` startup option carries without quoting or escaping (PostgreSQL folds unquoted names to lower case). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_$]*$/;

/**
 * Call the config's `targets()` and check what it returns: an array of `{ name, url }` or
 * `{ name, url, schema }`, names unique, `schema` only on PostgreSQL URLs. Every problem is
 * named in one CONFIG_INVALID error.
 *
 * @example
 * const targets = await listTargets(config); // [{ name: 'eu', url: 'postgres://…' }, …]
 */
export async function listTargets(config: ResolvedConfig): Promise<Target[]> {
  if (config.targets === undefined) {
    throw new SchemigrateError(
      `The config ${config.configPath} names no targets: add \`targets: () => [{ name: 'eu', url: process.env.EU_URL }, …]\` to use --target or --all-targets.`,
      { code: 'CONFIG_INVALID' },
    );
  }
  let specs: unknown;
  try {
    specs = await config.targets();
  } catch (error) {
    const message = typeof (error as Error | null)?.message === 'string' ? (error as Error).message : String(error);
    throw new SchemigrateError(`The config's targets() failed: ${redact(message)}`, { code: 'CONFIG_INVALID', cause: error });
  }
  if (!Array.isArray(specs)) {
    throw new SchemigrateError(`The config's targets() must return an array of { name, url } or { name, url, schema }, not ${typeof specs}.`, { code: 'CONFIG_INVALID' });
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const [index, spec] of (specs as unknown[]).entries()) {
    const problem = await problemOf(spec, config.rootDir);
    const name = (spec as { name?: unknown } | null)?.name;
    if (problem !== undefined) problems.push(`target ${typeof name === 'string' && name !== '' ? `'${name}'` : `#${index + 1}`} ${problem}`);
    else if (seen.has(name as string)) problems.push(`the name '${String(name)}' is used by more than one target`);
    else {
      seen.add(name as string);
      const { url, schema } = spec as TargetSpec & { schema?: string };
      targets.push(schema === undefined ? { name: name as string, url } : { name: name as string, url, schema });
    }
  }
  if (problems.length > 0) throw new SchemigrateError(`The config's targets are invalid: ${problems.join('; ')}.`, { code: 'CONFIG_INVALID' });
  return targets;
}

/** What is wrong with one target spec, or undefined. */
async function problemOf(spec: unknown, rootDir: string): Promise<string | undefined> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'must be an object { name, url } or { name, url, schema }';
  const { name, url, schema } = spec as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return "needs a 'name' (a non-empty string)";
  if (typeof url !== 'string' || url.trim() === '') return "needs a 'url' (a non-empty string)";
  let dialect: DialectName;
  try {
    dialect = parseDatabaseUrl(url, rootDir).dialect;
  } catch (error) {
    return `has an unusable url: ${(error as Error).message}`;
  }
  if (schema === undefined) return undefined;
  // Dialects with named schemas are those that can list them (PostgreSQL).
  if ((await getDialect(dialect)).userSchemas === undefined) return `has a 'schema', but schemas per target need PostgreSQL (its url is ${dialect}); give each ${dialect} target its own url instead`;
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    return `has the schema ${JSON.stringify(schema)}: write a plain lower-case name (a-z, digits, _ and $, not starting with a digit)`;
  }
  return undefined;
}

/**
 * The target named `name`, or an UNKNOWN_TARGET error listing the names there are.
 *
 * @example
 * findTarget(targets, 'eu'); // { name: 'eu', url: 'postgres://…' }
 */
export function findTarget(targets: readonly Target[], name: string): Target {
  const found = targets.find((target) => target.name === name);
  if (found) return found;
  const names = targets.map((target) => target.name);
  const shown = names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ');
  throw new SchemigrateError(`Unknown target '${name}'. The config's targets are: ${shown || '(none)'}.`, { code: 'UNKNOWN_TARGET', details: { target: name, targets: names } });
}

/**
 * The URL a target connects with: its own, or for a schema target its database's URL with
 * `options=-c search_path=<schema>`, which PostgreSQL applies to every connection of the pool
 * when it starts (nothing but that schema, so that nothing lands in `public` by accident).
 *
 * @example
 * targetUrl({ name: 't1', url: 'postgres://db/app', schema: 'tenant_1' }); // 'postgres://db/app?options=-c%20search_path%3Dtenant_1'
 */
export function targetUrl(target: Target): string {
  if (target.schema === undefined) return target.url;
  const separator = target.url.includes('?') ? '&' : '?';
  return `${target.url}${separator}options=${encodeURIComponent(`-c search_path=${target.schema}`)}`;
}

/**
 * Create a schema target's schema unless it exists, before a run that writes to it.
 *
 * @example
 * await ensureTargetSchema(db, target);
 */
export async function ensureTargetSchema(db: Kysely<any>, target: Target): Promise<void> {
  if (target.schema === undefined) return;
  // Kysely loads here, not with this module: the graph commands import it and never write (~0.13 s).
  const { sql } = await import('kysely');
  await sql`create schema if not exists ${sql.id(target.schema)}`.execute(db);
}
