/**
 * SQLite's throwaway database: a file in a new temporary folder, deleted with its folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseUrl } from '../../config/url.js';
import type { WithThrowaway } from '../throwaway.js';
import { whileInterruptible } from '../../util/interrupt-cleanup.js';
import { connectSqlite } from './connect.js';

/**
 * @example
 * await withThrowawaySqlite(url, admin, async (scratch) => scratch.schema.createTable('t').addColumn('a', 'integer').execute());
 */
export const withThrowawaySqlite: WithThrowaway = async (_url, _admin, use) => {
  const folder = mkdtempSync(join(tmpdir(), 'schemigrate-scratch-'));
  const remove = async () => rmSync(folder, { recursive: true, force: true });
  return whileInterruptible(remove, async () => {
    try {
      const filename = join(folder, 'scratch.sqlite3');
      const url: DatabaseUrl = { dialect: 'sqlite', filename, display: `sqlite:${filename}` };
      const scratch = await connectSqlite(url);
      try {
        return await use(scratch);
      } finally {
        await scratch.destroy();
      }
    } finally {
      await remove();
    }
  });
};
