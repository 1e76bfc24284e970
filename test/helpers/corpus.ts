/**
 * Where the real-world schemas live: `shared/corpus/` beside the repository (as on CI), or
 * SCHEMIGRATE_CORPUS.
 */
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = process.env.SCHEMIGRATE_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
