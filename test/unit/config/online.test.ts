/**
 * The `online` config key: `true` or lock settings, checked when the config loads.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';

let root: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sg-config-online-')));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function load(online: unknown) {
  writeFileSync(join(root, 'schemigrate.config.json'), JSON.stringify({ schema: 's.ts', migrations: 'm', online }));
  return loadConfig({ cwd: root });
}

describe('online', () => {
  it('is off unless set', async () => {
    expect((await load(undefined)).online).toBeUndefined();
    expect((await load(false)).online).toBeUndefined();
  });

  it('true takes the default lock settings', async () => {
    expect((await load(true)).online).toEqual({ lockTimeoutMs: 500, retries: 6, backoffMs: 500 });
  });

  it('lock settings override the defaults one by one', async () => {
    expect((await load({ lockTimeoutMs: 200, retries: 10 })).online).toEqual({ lockTimeoutMs: 200, retries: 10, backoffMs: 500 });
  });

  it('reports each invalid setting', async () => {
    const attempt = load({ lockTimeoutMs: 0, retries: 1.5, wait: 3 });
    await expect(attempt).rejects.toThrow(/'online.lockTimeoutMs' must be a whole number ≥ 1, not 0/);
    await expect(attempt).rejects.toThrow(/'online.retries' must be a whole number ≥ 0, not 1.5/);
    await expect(attempt).rejects.toThrow(/'online.wait' is unknown/);
    await expect(load('yes')).rejects.toThrow(/'online' must be true, false or \{ lockTimeoutMs, retries, backoffMs \}, not string/);
  });
});
