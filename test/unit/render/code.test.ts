/**
 * The one `jsString` and the one `sqlTemplate`, shared by revision files and pulled schema
 * modules: every string comes back unchanged when the generated literal is evaluated.
 */
import { jsString, sqlTemplate } from '../../../src/render/code.js';

const HOSTILE = [
  "it's",
  'back\\slash and a trailing one \\',
  'back`tick ${not} a placeholder',
  'line\nfeed, carriage\rreturn, both\r\n',
  'tab\tbackspace\bform\ffeed\u0001\u001f\u007f',
  'separators\u2028and\u2029',
  'lone \ud800 and \udfff surrogates, a pair 😀',
  'unicode ∂é 中文',
];

/** The value of a generated JavaScript expression. */
function evaluate(code: string, sql?: (strings: TemplateStringsArray) => string): unknown {
  return new Function('sql', `return ${code};`)(sql);
}

/** Whether UTF-8 can hold the text: it has no lone surrogate. */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

/** A stand-in `sql` tag that gives back the template's cooked text, as Kysely's `sql` reads it. */
const cooked = (strings: TemplateStringsArray) => strings.join('');

describe('jsString', () => {
  test.each(HOSTILE)('%j evaluates back to itself', (text) => {
    expect(evaluate(jsString(text))).toBe(text);
  });

  test('is one line that UTF-8 can hold: separators and lone surrogates are escaped', () => {
    expect(jsString('a\nb\u2028\ud800')).toBe("'a\\nb\\u2028\\ud800'");
    expect(HOSTILE.every((text) => wellFormed(jsString(text)) && !jsString(text).includes('\n'))).toBe(true);
  });
});

describe('sqlTemplate', () => {
  test.each(HOSTILE)('%j evaluates back to itself', (text) => {
    expect(evaluate(sqlTemplate([text]), cooked)).toBe(text);
  });

  test('line breaks and lone surrogates are escaped: each line of generated code is a line of code, and UTF-8 can hold it', () => {
    expect(sqlTemplate(['a\r\nb \udfff'])).toBe('sql`a\\r\\nb \\udfff`');
    expect(HOSTILE.every((text) => wellFormed(sqlTemplate([text])) && !sqlTemplate([text]).includes('\n'))).toBe(true);
  });

  test('identifiers and literals are interpolated for Kysely to quote', () => {
    expect(sqlTemplate(['lower(', { id: 'Name' }, ') = ', { literal: "it's" }])).toBe("sql`lower(${sql.id('Name')}) = ${sql.lit('it\\'s')}`");
  });
});
