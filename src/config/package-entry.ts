/**
 * Choosing what `'schemigrate'` resolves to while a config file loads.
 */
import type { PackageEntry } from '../util/import-module.js';

/** Every `import … from 'schemigrate'` clause of a module's source. */
const PACKAGE_IMPORT = /\bimport\s+([^;]*?)\s*from\s*['"]schemigrate['"]/g;

/** What the light entry point (config/entry.ts) exports. */
const CONFIG_ENTRY_NAMES = ['defineConfig', 'env'];

/**
 * The light entry point (`defineConfig` and `env`) when that is all the config imports at run time,
 * so that commands reading only the revision graph start without loading Kysely; the full API
 * otherwise. Type-only imports are erased, so they never need the full entry.
 *
 * @example
 * packageEntryFor("import { defineConfig, env } from 'schemigrate';"); // 'config'
 * packageEntryFor("import { defineConfig, sql } from 'schemigrate';"); // 'full'
 */
export function packageEntryFor(source: string): PackageEntry {
  for (const [, clause] of source.matchAll(PACKAGE_IMPORT)) {
    if (/^type\b/.test(clause!)) continue;
    const names = /^\{([^}]*)\}$/.exec(clause!)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean);
    if (!names?.every((name) => CONFIG_ENTRY_NAMES.includes(name) || name.startsWith('type '))) return 'full';
  }
  return /\b(?:require|import)\s*\(\s*['"]schemigrate['"]/.test(source) ? 'full' : 'config';
}
