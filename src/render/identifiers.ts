/**
 * JavaScript spellings for database names in pulled schema modules: variable names, file
 * names and property keys (string literals and `sql` templates are code.ts's). Pure and
 * deterministic.
 */
import { jsString } from './code.js';

/** Words a binding may not use (reserved, strict-mode reserved, or confusing globals). */
const RESERVED = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in',
  'Infinity', 'instanceof', 'interface', 'let', 'NaN', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void', 'while',
  'with', 'yield',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function words(name: string): string[] {
  // Split on separators and on lower→upper case changes: 'InvoiceLine' → Invoice, Line.
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * The camelCase spelling of a database name, valid as a JavaScript identifier.
 *
 * @example
 * camelCase('film_actor'); // 'filmActor'
 * camelCase('Order Details'); // 'orderDetails'
 * camelCase('2fa_codes'); // '_2faCodes'
 */
export function camelCase(name: string): string {
  const parts = words(name);
  if (parts.length === 0) return '_';
  const joined = parts[0]!.toLowerCase() + parts.slice(1).map(capitalize).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/**
 * The kebab-case spelling of a database name, for a module's file name.
 *
 * @example
 * kebabCase('InvoiceLine'); // 'invoice-line'
 */
export function kebabCase(name: string): string {
  const parts = words(name).map((word) => word.toLowerCase());
  return parts.length === 0 ? 'table' : parts.join('-');
}

/**
 * Hands out names that are unique among themselves and clear of `taken` (and, for variables,
 * of reserved words): a clash gets `suffix`, then a number.
 *
 * @example
 * const names = uniqueNames(new Set(['index']), { variables: false, key: (n) => n.toLowerCase() });
 * names('index', '-table'); // 'index-table'
 */
export function uniqueNames(
  taken: ReadonlySet<string>,
  { variables, key = (name) => name }: { readonly variables: boolean; readonly key?: (name: string) => string },
): (wanted: string, suffix: string) => string {
  const used = new Set([...taken].map(key));
  return (wanted, suffix) => {
    let candidate = (variables && RESERVED.has(wanted)) || used.has(key(wanted)) ? `${wanted}${suffix}` : wanted;
    for (let n = 2; used.has(key(candidate)); n += 1) candidate = `${wanted}${suffix}${n}`;
    used.add(key(candidate));
    return candidate;
  };
}

/**
 * An object key: bare when it is an identifier name, quoted otherwise. `__proto__` is written
 * as a computed key: bare or quoted, an object literal reads it as the object's prototype.
 *
 * @example
 * propertyKey('film_id'); // 'film_id'
 * propertyKey('Order Details'); // "'Order Details'"
 * propertyKey('__proto__'); // "['__proto__']"
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `[${jsString(name)}]`;
  return IDENTIFIER.test(name) ? name : jsString(name);
}

/**
 * A property access: `.name`, or `['name']` when the name is not an identifier.
 *
 * @example
 * propertyAccess('id'); // '.id'
 */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${jsString(name)}]`;
}
