/**
 * The peers' own dependencies (bench/peers/package.json and its lockfile): installed with
 * `npm ci` on first use, never by the package's own `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PEERS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** drizzle-kit's CLI, which `measure` runs as `node <DRIZZLE_KIT> …`. */
export const DRIZZLE_KIT = fileURLToPath(new URL('./node_modules/drizzle-kit/bin.cjs', import.meta.url));

/**
 * Run `npm ci --prefix bench/peers` unless drizzle-kit is already there; throws when npm fails.
 *
 * @example
 * ensurePeersInstalled((message) => console.error(message));
 */
export function ensurePeersInstalled(log) {
  if (existsSync(DRIZZLE_KIT)) return;
  log(`bench --peers: installing drizzle-kit and drizzle-orm into ${PEERS_DIR}node_modules (npm ci --prefix bench/peers, first use only)`);
  // npm's own output goes to stderr with the progress: stdout carries only the report.
  const npm = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
  if (npm.status !== 0) throw new Error(`npm ci --prefix ${PEERS_DIR} failed (exit ${npm.status ?? npm.signal})`);
}
