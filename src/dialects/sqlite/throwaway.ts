/**
 * SQLite's throwaway database: a file in a new temporary folder, deleted with its folder. The
 * folder's name carries the process ID, so that one left by a killed run (its process gone) is
 * deleted by the next run that makes one.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseUrl } from '../../config/url.js';
import { usingConnection, type WithThrowaway } from '../throwaway.js';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { connectSqlite } from './connect.js';

const PREFIX = 'schemigrate-scratch-';

/**
 * @example
 * await withThrowawaySqlite(url, admin, async (scratch) => scratch.schema.createTable('t').addColumn('a', 'integer').execute());
 */
export const withThrowawaySqlite: WithThrowaway = async (_url, _admin, use) => {
  removeAbandonedFolders();
  const folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const remove = async () => rmSync(folder, { recursive: true, force: true });
  return whileInterruptible(remove, async () => {
    try {
      const filename = join(folder, 'scratch.sqlite3');
      const url: DatabaseUrl = { dialect: 'sqlite', filename, display: `sqlite:${filename}` };
      return await usingConnection(() => connectSqlite(url), use);
    } finally {
      await remove();
    }
  });
};

/** Delete the scratch folders whose process no longer runs. */
function removeAbandonedFolders(): void {
  for (const entry of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-\\w{6}$`).exec(entry)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
