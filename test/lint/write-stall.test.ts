/**
 * Proof under load (PostgreSQL): while a writer inserts and updates a 1,000,000-row table in a
 * loop, the online revision adding an index, a foreign key, a check and a NOT NULL never stalls
 * a write for a second; and a long transaction holding a lock on the table makes the online
 * revision time out and retry (it finishes after the transaction ends) instead of queueing the
 * writers behind it. The default mode's figures are in `npm run bench`.
 */
import { parseDatabaseUrl } from '../../src/config/url.js';
import { getDialect } from '../../src/dialects/registry.js';
import { renderRevisionFile } from '../../src/render/revision-file.js';
import { loadRevisionModule } from '../../src/runtime/load-revision.js';
import { fillTables, measureWriteStall, prepareRevision } from '../../bench/write-stall.mjs';
import { forEachDialect } from '../helpers/databases.js';

const lib = { getDialect, parseDatabaseUrl, renderRevisionFile, loadRevisionModule };
const locks = { lockTimeoutMs: 300, retries: 8, backoffMs: 100 };

forEachDialect(({ database }) => {
  test('the online revision stalls no write for a second on a million rows', async () => {
    const { url } = database();
    await fillTables(url, 1_000_000);
    const apply = await prepareRevision(lib, url, locks);
    const { longestWriteMs, writes, applyMs } = await measureWriteStall(url, apply);
    console.log(`online, 1,000,000 rows: longest write ${longestWriteMs.toFixed(0)} ms of ${writes} writes; revision ${applyMs.toFixed(0)} ms`);
    expect(writes).toBeGreaterThan(10);
    expect(longestWriteMs).toBeLessThan(1000);
  }, 120_000);
}, ['postgres']);

forEachDialect(({ database }) => {
  test('behind a long transaction the online revision times out and retries instead of queueing writers', async () => {
    const { url } = database();
    await fillTables(url, 100_000);
    const apply = await prepareRevision(lib, url, locks);
    const blockMs = 2500;
    const { longestWriteMs, applyMs } = await measureWriteStall(url, apply, { blockMs });
    console.log(`online behind a ${blockMs} ms transaction: longest write ${longestWriteMs.toFixed(0)} ms; revision ${applyMs.toFixed(0)} ms`);
    expect(applyMs).toBeGreaterThan(blockMs - 100);
    expect(longestWriteMs).toBeLessThan(1000);
  }, 60_000);
}, ['postgres']);
