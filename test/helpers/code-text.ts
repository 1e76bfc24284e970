/**
 * Generated files are formatted as prettier prints them (double quotes, lines broken at 80
 * columns); a test that looks for a piece of code in one compares both sides
 * through `codeText`, so it checks what the code says rather than where its lines break.
 */

/**
 * Source text without whitespace or trailing commas, its double-quoted strings single-quoted.
 *
 * @example
 * codeText('table(\n  "users",\n  { id: integer() },\n)'); // "table('users',{id:integer()})"
 */
export function codeText(source: string): string {
  return source
    .replace(/"((?:[^"\\\n]|\\.)*)"/g, (_match, body: string) => `'${body.replaceAll('\\"', '"').replaceAll("'", "\\'")}'`)
    .replace(/\s+/g, '')
    .replace(/,([)\]}])/g, '$1');
}
