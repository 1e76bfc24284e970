/**
 * What `'schemigrate'` resolves to while the config file loads, when the config imports
 * nothing from it but `defineConfig` and `env` (see `config/load.ts`): the full entry point pulls in all
 * of Kysely, which graph commands such as `history` never need.
 */
export { defineConfig } from './define-config.js';
export { env } from './env.js';
