/**
 * What `revision --autogenerate --verify` costs over plain `revision --autogenerate`: both
 * write the first revision of a generated N-table schema, through the built CLI, timed from
 * start to exit (the median of `--runs`).
 *
 *   npm run build && node bench/verify-cost.mjs [--tables 100] [--runs 3] [--dialects sqlite,postgres,mysql]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase } from './databases.mjs';
import { scratchDir, writeProject } from './generate.mjs';

const CLI = fileURLToPath(new URL('../bin/schemigrate.js', import.meta.url));
const { values: flags } = parseArgs({
  options: { tables: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' }, dialects: { type: 'string', default: 'sqlite,postgres,mysql' } },
});
const tables = Number(flags.tables);
const runs = Number(flags.runs);

/** Milliseconds of one CLI run in `cwd`; throws unless it exits 0. */
function timed(cwd, args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`schemigrate ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const dialect of flags.dialects.split(',')) {
  const database = await createDatabase(dialect);
  const dir = scratchDir(`verify-${dialect}`);
  try {
    writeProject(dir, { tables, url: database.url, dialect });
    const versions = join(dir, 'migrations', 'versions');
    const measure = (extra) =>
      Array.from({ length: runs }, () => {
        const ms = timed(dir, ['revision', '-m', 'all', '--autogenerate', ...extra]);
        for (const file of readdirSync(versions)) rmSync(join(versions, file));
        return ms;
      });
    const plain = median(measure([]));
    const verified = median(measure(['--verify']));
    console.log(`${dialect} N=${tables}: autogenerate ${plain.toFixed(0)} ms, with --verify ${verified.toFixed(0)} ms (${(verified / plain).toFixed(2)}×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}
