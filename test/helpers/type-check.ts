/**
 * Type-checking files the way a user's project does (`tsc --strict --noEmit`), with each
 * TypeScript compiler the project supports: 5.9 (node_modules/typescript) and 7, the native
 * compiler (node_modules/typescript-7, whose `bin/tsc` starts the Go binary).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Compiler {
  readonly name: string;
  /** The start of `tsc --version`'s output, to prove which compiler ran. */
  readonly version: string;
  readonly tsc: string;
}

export const COMPILERS: readonly Compiler[] = [
  { name: 'TypeScript 5.9', version: 'Version 5.9.', tsc: resolve('node_modules/typescript/bin/tsc') },
  { name: 'TypeScript 7', version: 'Version 7.', tsc: resolve('node_modules/typescript-7/bin/tsc') },
];

export interface TypeCheckResult {
  readonly version: string;
  /** One line per diagnostic, `file(line,col): error TSnnnn: message`. */
  readonly diagnostics: readonly string[];
}

/** `import … from 'schemigrate'` in a checked file means this checkout's source. */
const SCHEMIGRATE_PATHS = { schemigrate: [resolve('src/index.ts')] };

/** How a check sees its world. */
export interface TypeCheckOptions {
  /** Node's types in scope, as `"types": ["node"]` gives them (default true). */
  readonly nodeTypes?: boolean;
  /** `'schemigrate'` as this checkout's source (default) or as the package's built declarations, as a user's project sees it. */
  readonly schemigrate?: 'source' | 'built';
}

/**
 * Type-check `files` (absolute paths) under `--strict --noEmit` with `compiler`, through a
 * throw-away tsconfig.json.
 *
 * @example
 * const { diagnostics } = await typeCheck(COMPILERS[0], ['/abs/queries.ts']);
 * await typeCheck(COMPILERS[1], ['/abs/schemigrate.config.ts'], { nodeTypes: false, schemigrate: 'built' });
 */
export async function typeCheck(compiler: Compiler, files: readonly string[], { nodeTypes = true, schemigrate = 'source' }: TypeCheckOptions = {}): Promise<TypeCheckResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-types-'));
  try {
    const config = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        types: nodeTypes ? ['node'] : [],
        typeRoots: [resolve('node_modules/@types')],
        pretty: false,
        paths: schemigrate === 'source' ? SCHEMIGRATE_PATHS : { schemigrate: [resolve('dist/index.d.ts')] },
      },
      files,
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const { stdout: version } = await run(process.execPath, [compiler.tsc, '--version']);
    const output = await run(process.execPath, [compiler.tsc, '-p', join(dir, 'tsconfig.json')], { maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    const diagnostics = output.split('\n').filter((line) => /error TS\d+/.test(line));
    return { version: version.trim(), diagnostics };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
