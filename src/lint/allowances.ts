/**
 * Per-revision allowances: a revision silences a rule for itself, saying why
 * (`export const lint = { allow: { 'drop-column': 'the app stopped reading it in v2.3' } }`).
 */
import { SchemigrateError } from '../util/errors.js';
import { isRuleId, RULES, type RuleId } from './rules.js';

/**
 * The rules a revision allows, checked: an unknown rule id or a missing reason is an error,
 * so that a typo never silences nothing and every allowance says why.
 *
 * @example
 * readAllowances({ allow: { 'drop-table': 'replaced by archive_orders in 3f2a' } }, file); // Map { 'drop-table' => '…' }
 */
export function readAllowances(lint: unknown, file: string): ReadonlyMap<RuleId, string> {
  const allowed = new Map<RuleId, string>();
  if (lint === undefined) return allowed;
  const allow = (lint as { allow?: unknown } | null)?.allow;
  if (typeof lint !== 'object' || lint === null || typeof allow !== 'object' || allow === null || Array.isArray(allow)) {
    throw new SchemigrateError(`In the revision file ${file}, \`export const lint\` must be { allow: { '<rule>': 'why' } }.`);
  }
  for (const [rule, reason] of Object.entries(allow)) {
    if (!isRuleId(rule)) {
      throw new SchemigrateError(`The revision file ${file} allows the unknown lint rule '${rule}' (known rules: ${Object.keys(RULES).join(', ')}).`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new SchemigrateError(`The revision file ${file} allows the lint rule '${rule}' without a reason: write why it is safe here, e.g. { '${rule}': 'the table is empty' }.`);
    }
    allowed.set(rule, reason.trim());
  }
  return allowed;
}
