import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainContextGlobal } from '../../../src/config/main-context.js';
import { loadEnvFile, parseEnv } from '../../../src/config/env.js';

describe('parseEnv', () => {
  it('reads assignments, quotes, comments and the export prefix', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around equals ',
      'TRAILING=bare # comment after a value',
      'HASH_IN_VALUE=abc#def',
      'SINGLE=\'keep $raw # and \\n\'',
      'DOUBLE="line\\nbreak # not a comment"',
      'MULTI="first',
      'second"',
      'EMPTY=',
      'not an assignment',
    ].join('\n');
    expect(parseEnv(text)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'around equals',
      TRAILING: 'bare',
      HASH_IN_VALUE: 'abc#def',
      SINGLE: 'keep $raw # and \\n',
      DOUBLE: 'line\nbreak # not a comment',
      MULTI: 'first\nsecond',
      EMPTY: '',
    });
  });

  it('accepts Windows line endings', () => {
    expect(parseEnv('A=1\r\nB="2"\r\n')).toEqual({ A: '1', B: '2' });
  });
});

/** The environment user modules see (jest's sandbox has its own copy of process.env). */
const env = mainContextGlobal().process.env;

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-env-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete env.SG_ENV_TEST_NEW;
    delete env.SG_ENV_TEST_SET;
  });

  it('sets variables from .env but never overrides the environment', () => {
    env.SG_ENV_TEST_SET = 'from-environment';
    writeFileSync(join(dir, '.env'), 'SG_ENV_TEST_NEW=from-file\nSG_ENV_TEST_SET=from-file\n');
    expect(loadEnvFile(dir)).toEqual(['SG_ENV_TEST_NEW']);
    expect(env.SG_ENV_TEST_NEW).toBe('from-file');
    expect(env.SG_ENV_TEST_SET).toBe('from-environment');
  });

  it('does nothing without a .env file', () => {
    expect(loadEnvFile(dir)).toEqual([]);
  });
});
