/**
 * What `revision --autogenerate` says when it finds nothing (SPEC §6): the counts on both
 * sides, and a hint at the usual reasons a change goes unseen.
 */

export interface EmptyDiagnosisInput {
  /** The barrel as shown to the user. */
  readonly barrel: string;
  readonly schemaTableCount: number;
  readonly databaseTableCount: number;
  readonly versionTable: string;
  /** Database tables left out by `tables.exclude`. */
  readonly excludedTables: readonly string[];
  /** How many barrel warnings (unexported tables, modules the barrel skips) were printed. */
  readonly barrelWarnings: number;
}

/**
 * One paragraph: nothing written, the counts, and a hint where one helps.
 *
 * @example
 * diagnoseEmpty({ barrel: 'src/db/schema/index.ts', schemaTableCount: 0, databaseTableCount: 0,
 *   versionTable: 'schemigrate_version', excludedTables: [], barrelWarnings: 0 });
 * // 'No changes detected: … Every table the barrel exports is matched by tables.exclude: …'
 */
export function diagnoseEmpty(input: EmptyDiagnosisInput): string {
  const excluded = input.excludedTables.length;
  const notCounted = [input.versionTable, ...(excluded > 0 ? [`${excluded} table(s) matched by tables.exclude`] : [])].join(' and ');
  const hints: string[] = [];
  if (input.schemaTableCount === 0) {
    // A barrel exporting no table at all is an error when it loads, so here every table is excluded.
    hints.push(`Every table the barrel exports is matched by tables.exclude: is ${input.barrel} the right barrel, and tables.exclude what you meant?`);
  }
  if (input.barrelWarnings > 0) {
    hints.push('The warnings above name tables the barrel does not see; export them from it for autogenerate to compare them.');
  }
  if (excluded > 0) {
    const names = input.excludedTables.slice(0, 5).join(', ') + (excluded > 5 ? ', …' : '');
    hints.push(`tables.exclude hides ${names} from autogenerate.`);
  }
  if (hints.length === 0 && input.schemaTableCount > 0) {
    hints.push('If you expected a change: is the file you edited exported from the barrel, and is the URL the database you meant?');
  }
  return [
    'No changes detected: the database matches the schema, so no revision was written (--allow-empty writes one anyway).',
    `The barrel ${input.barrel} exported ${input.schemaTableCount} table(s); the database has ${input.databaseTableCount} (not counting ${notCounted}).`,
    ...hints,
  ].join(' ');
}
