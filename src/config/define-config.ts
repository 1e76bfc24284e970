/**
 * `defineConfig`: the typed entry point of `schemigrate.config.ts`.
 */
import type { SchemigrateConfig } from './types.js';

/**
 * Return the config unchanged; it exists so that editors type-check the config file.
 *
 * @example
 * export default defineConfig({ url: 'sqlite:./dev.sqlite3', schema: './src/db/schema/index.ts', migrations: './migrations' });
 */
export function defineConfig(config: SchemigrateConfig): SchemigrateConfig {
  return config;
}
