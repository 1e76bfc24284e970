/**
 * Offline SQL (`upgrade|downgrade --sql`): run the planned revisions against a Kysely instance
 * that records instead of executing, and print what it recorded as one SQL script.
 *
 * The script is what the live runtime would send, in order: the version table's
 * `create table if not exists` and the checksum table's, then per revision the dialect's
 * framing (`begin`/`commit`, SQLite's `pragma foreign_keys` and savepoint), the revision's
 * statements, its version-table insert/update/delete and its checksum row. Parameters are
 * inlined as SQL literals, so the script runs as is; a value without a literal form (a buffer,
 * an object) stays a placeholder with the values in a trailing `-- parameters:` comment. A
 * statement that does less offline than online gets the dialect's note before it.
 */
import type { Dialect } from '../dialects/dialect.js';
import type { Step } from '../revisions/plan.js';
import { loadRevisionModules } from './load-revision.js';
import { RecordingDriver, type ScriptLine } from './recording-driver.js';
import { fileChecksum } from '../revisions/checksum.js';
import { checksumTableName, ensureChecksumTable } from './checksum-table.js';
import { recordStep } from './record-step.js';
import { ensureVersionTable } from './version-table.js';

export interface OfflineSqlOptions {
  readonly dialect: Pick<Dialect, 'offline' | 'runRevision' | 'offlineNote'>;
  readonly versionTable: string;
  readonly steps: readonly Step[];
  /** Comment lines at the top of the script. */
  readonly title: readonly string[];
  /** The comment that introduces each revision's statements. */
  readonly describeStep: (step: Step) => string;
}

/** An offline script: the whole text, and the statements of the preamble and of each step. */
export interface OfflineSql {
  readonly script: string;
  /** The bookkeeping tables' statements, before the first step. */
  readonly preamble: readonly string[];
  /** Each step's statements (its framing and bookkeeping included), in plan order. */
  readonly steps: readonly (readonly string[])[];
}

/**
 * The SQL script of the planned steps, without touching a database.
 *
 * @example
 * const { script } = await renderOfflineSql({
 *   dialect, versionTable: 'schemigrate_version', steps: planUpgrade(graph, [], 'head'),
 *   title: ['upgrade base:head'], describeStep: (step) => `Running upgrade … -> ${step.revision.revision}`,
 * });
 */
export async function renderOfflineSql(options: OfflineSqlOptions): Promise<OfflineSql> {
  const { dialect, versionTable, steps } = options;
  const modules = await loadRevisionModules(steps.map((step) => step.revision.file));
  const checksums = steps.map((step) => fileChecksum(step.revision.file));
  const driver = new RecordingDriver();
  const db = dialect.offline(driver);
  // Where each step's lines start in the script (the preamble's end first).
  const starts: number[] = [];
  try {
    for (const line of options.title) driver.comment(line);
    await ensureVersionTable(db, versionTable);
    await ensureChecksumTable(db, checksumTableName(versionTable));
    for (const [index, step] of steps.entries()) {
      const module = modules[index]!;
      starts.push(driver.lines.length);
      driver.comment('');
      driver.comment(options.describeStep(step));
      await dialect.runRevision(db, { transactional: module.transactional }, async (trx) => {
        await (step.direction === 'up' ? module.upgrade(trx) : module.downgrade(trx));
        await recordStep(trx, step, { versionTable, checksum: checksums[index]!, verify: false });
      });
    }
  } finally {
    await db.destroy();
  }
  const statements = (from: number, to: number) =>
    driver.lines.slice(from, to).flatMap((line) => (line.kind === 'comment' ? [] : [formatLine(line, dialect.offlineNote)]));
  const bounds = [...starts, driver.lines.length];
  return {
    script: `${driver.lines.map((line) => formatLine(line, dialect.offlineNote)).join('\n')}\n`,
    preamble: statements(0, bounds[0]!),
    steps: steps.map((_step, index) => statements(bounds[index]!, bounds[index + 1]!)),
  };
}

function formatLine(line: ScriptLine, offlineNote: Dialect['offlineNote']): string {
  if (line.kind === 'comment') return line.text === '' ? '' : `-- ${line.text}`;
  const statement = `${line.sql.trim().replace(/;+\s*$/, '')};`;
  const note = offlineNote?.(line.sql);
  const text = line.parameters.length === 0 ? statement : `${statement} -- parameters: ${formatParameters(line.parameters)}`;
  return note === undefined ? text : `-- ${note}\n${text}`;
}

function formatParameters(parameters: readonly unknown[]): string {
  return JSON.stringify(parameters, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
      return `x'${Buffer.from((value as { data: number[] }).data).toString('hex')}'`;
    }
    return value;
  });
}
