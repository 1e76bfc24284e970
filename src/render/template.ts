/**
 * The revision template engine: `{{name}}` placeholders, nothing else.
 */
import { SchemigrateError } from '../util/errors.js';

/**
 * Replace every `{{name}}` in `template` with `values[name]`. A placeholder without a value
 * is an error naming it (a typo in a user's `script.ts.tmpl` must not slip into a file).
 *
 * @example
 * fillTemplate('rev = {{revision}}', { revision: "'abc'" }); // "rev = 'abc'"
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) {
      const known = Object.keys(values).join(', ');
      throw new SchemigrateError(`The revision template uses an unknown placeholder {{${name}}}; known: ${known}.`);
    }
    return values[name]!;
  });
}
