/**
 * Locating the package's own `templates/` folder and the revision template a project uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { PACKAGE_ROOT } from '../util/own-package.js';

/**
 * Absolute path of a file in the package's `templates/` folder (works from `dist/` and `src/`).
 *
 * @example
 * packageTemplate('script.ts.tmpl');
 */
export function packageTemplate(name: string): string {
  return join(PACKAGE_ROOT, 'templates', name);
}

/**
 * The revision template: `migrations/script.ts.tmpl` when the project has one, else the package's.
 *
 * @example
 * const template = readRevisionTemplate(config);
 */
export function readRevisionTemplate(config: ResolvedConfig): string {
  const path = existsSync(config.templatePath) ? config.templatePath : packageTemplate('script.ts.tmpl');
  return readFileSync(path, 'utf8');
}
