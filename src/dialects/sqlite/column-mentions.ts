/**
 * How SQLite reads a column's name in SQL text, by its own tokenizer: whether an expression
 * names the column, and what RENAME COLUMN makes of the expression.
 */
import { standardQuotedIdentifier } from '../../model/quoted-identifier.js';
import { tokenize } from './tokenizer.js';

/**
 * Whether SQL text names a column (as an identifier token, quoted or not, any case).
 *
 * @example
 * mentionsColumn('"price" > 0', 'price'); // true
 * mentionsColumn("note = 'price'", 'price'); // false
 */
export function mentionsColumn(sql: string, column: string): boolean {
  const wanted = column.toLowerCase();
  return tokenize(sql).some((t) => (t.kind === 'word' || t.kind === 'quoted') && t.value.toLowerCase() === wanted);
}

/**
 * SQL text with every identifier token naming column `from` (quoted or not, any case) written as
 * `"to"`, strings left alone: what SQLite's RENAME COLUMN does to the expressions of the table.
 *
 * @example
 * renameInExpression(`price > 0 AND note <> 'price'`, 'price', 'cost'); // `"cost" > 0 AND note <> 'price'`
 */
export function renameInExpression(sql: string, from: string, to: string): string {
  const wanted = from.toLowerCase();
  let result = '';
  let last = 0;
  for (const token of tokenize(sql)) {
    if ((token.kind === 'word' || token.kind === 'quoted') && token.value.toLowerCase() === wanted) {
      result += sql.slice(last, token.start) + standardQuotedIdentifier(to);
      last = token.end;
    }
  }
  return result + sql.slice(last);
}
