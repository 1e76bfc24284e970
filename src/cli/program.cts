/**
 * The commander program: global options, one subcommand per command. Each command's module
 * (under commands/) loads when it runs, so `--help` loads nothing but commander and this
 * CommonJS module. A command parses its arguments, calls the API (src/api) and prints the
 * result: text, or with `--json` the very object the API returned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Session } from './session.js';

type Run = (session: Session, ...args: any[]) => Promise<void>;

const REQUIRE_FAILURES = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

/**
 * Load an ES module of the CLI with require() where Node can require ES modules (Node
 * 20.19+, 22.12+): synchronous reads instead of the module loader's thread-pool round trips,
 * about 20 ms off `history`. Elsewhere, or for a module graph that needs top-level await,
 * `viaImport` (the same specifier through import(), which also gives the module's type).
 *
 * @example
 * const graph = await load('./commands/graph.js', () => import('./commands/graph.js'));
 */
async function load<T>(specifier: string, viaImport: () => Promise<T>): Promise<T> {
  if (process.features.require_module) {
    try {
      return require(specifier) as T;
    } catch (error) {
      if (!REQUIRE_FAILURES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  return viaImport();
}

/** The commands' modules, by file. */
const commands = {
  graph: () => load('./commands/graph.js', () => import('./commands/graph.js')),
  current: () => load('./commands/current.js', () => import('./commands/current.js')),
  check: () => load('./commands/check.js', () => import('./commands/check.js')),
  migrate: () => load('./commands/migrate.js', () => import('./commands/migrate.js')),
  revision: () => load('./commands/revision.js', () => import('./commands/revision.js')),
  files: () => load('./commands/files.js', () => import('./commands/files.js')),
  lint: () => load('./commands/lint.js', () => import('./commands/lint.js')),
  test: () => load('./commands/test.js', () => import('./commands/test.js')),
  squash: () => load('./commands/squash.js', () => import('./commands/squash.js')),
  fleet: () => load('./commands/fleet.js', () => import('./commands/fleet.js')),
};

type FleetCommand = import('./commands/fleet.js').FleetCommand;

/**
 * The command's own run, or with `--all-targets` the same command over every target of the
 * config (commands/fleet.ts).
 */
function singleOrFleet(name: FleetCommand, single: () => Promise<Run>) {
  return action(async () => {
    const run = await single();
    return async (session: Session, ...args: unknown[]) =>
      session.options.allTargets ? (await commands.fleet()).fleet(session, name, ...args) : run(session, ...args);
  });
}

/** A whole number for --concurrency and --canary (the fleet checks its range). */
function wholeNumber(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** The options of a command that can run on every target. */
function fanOutOptions(command: Command): Command {
  return command
    .option('--all-targets', "run on every target of the config's targets (docs/scale.md)")
    .option('--concurrency <n>', 'with --all-targets: targets at once, 1 to 64 (default 4)', wholeNumber)
    .option('--canary <n>', 'with --all-targets: run the first n targets first; stop if any fails', wholeNumber)
    .option('--continue-on-error', 'with --all-targets: go on with the other targets after a failure');
}

/** Wrap a command so it runs in a session with the merged global and local options. */
function action(command: () => Promise<Run>) {
  return async function (this: Command, ...args: unknown[]) {
    const options = this.optsWithGlobals() as Session['options'];
    const [{ withSession }, run] = await Promise.all([load('./session.js', () => import('./session.js')), command()]);
    await withSession(options, (session) => run(session, ...args.slice(0, -2)));
  };
}

/** Commander's accumulator for a repeatable option (no default shown in the help). */
function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const JSON_HELP = 'print the result as JSON (docs/cli.md)';

/** The package's version, read without require() so that `--help` loads no other module. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Build the CLI program; commander's error messages go to `writeErr`, stderr by default.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'schemigrate', 'heads']);
 */
export function buildProgram(writeErr: (text: string) => void = (text) => process.stderr.write(text)): Command {
  const program = new Command('schemigrate')
    // Set before the subcommands are added: each copies it when created.
    .configureOutput({ writeErr })
    .description("Schema-diffing migrations for TypeScript: Alembic's workflow on Kysely.")
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('-c, --config <path>', 'config file (default: search upward for schemigrate.config.*)')
    .option('--url <url>', "database URL; beats the config's url")
    .option('--target <name>', "one of the config's targets (docs/scale.md)")
    .option('-y, --yes', 'answer confirmations with yes (allow data loss)')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('-v, --verbose', 'more detail: revisions in full (history, current, heads, branches), stack traces with errors')
    .exitOverride();

  program
    .command('init')
    .description('scaffold a project: config, revision template, versions/, starter schema')
    .argument('[dir]', 'project folder', '.')
    .option('--dialect <dialect>', 'database to configure: sqlite (default), postgres or mysql')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.files()).init));

  program
    .command('revision')
    .description('create a new revision file; --autogenerate fills it from the diff')
    .requiredOption('-m, --message <message>', 'what the revision changes (required)')
    .option('--autogenerate', 'compare the database with the schema and write the operations')
    .option('--rev-id <id>', 'use this revision ID instead of a random one')
    .option('--dry-run', 'print the operations and write nothing')
    .option('--allow-empty', 'write a revision even when autogenerate finds no change')
    .option('--head <rev>', 'the parent: a revision, <label>@head, or base for a new root (default: the only head)')
    .option('--splice', 'allow --head to name a revision that is not a head, starting a new branch')
    .option('--branch-label <label>', 'label the new revision (repeatable); targets can then say <label>@head', collect)
    .option('--depends-on <rev>', 'a revision that must be applied first (repeatable; stored as its full ID)', collect)
    .option('--rename <old=new>', 'with --autogenerate: a rename, not a drop and create (table: old=new; column: table.old=new; repeatable)', collect)
    .option('--drop-create <old>', 'with --autogenerate: old (or table.old) is really dropped, not renamed (repeatable)', collect)
    .option('--online', "write an online revision (docs/lint.md) even when the config's online is off")
    .option('--verify', 'with --autogenerate: prove the revision (upgrade, downgrade, upgrade) in a throwaway database first; write nothing when it fails')
    .option('--upgrade', 'with --autogenerate: apply the new revision to the database at once, in the same run')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.revision()).revision));

  for (const direction of ['upgrade', 'downgrade'] as const) {
    const command = program
      .command(direction)
      .description(direction === 'upgrade' ? 'apply revisions up to target' : 'revert revisions down to target')
      .argument(
        '<target>',
        'head, heads, base, a revision ID or prefix, +N, -N, <rev>+N, <rev>-N, <label>@head, <label>@base, <label>@+N, <label>@-N; with --sql also <from>:<to>',
      )
      .option('--sql', 'print the SQL instead of running it; no database is contacted')
      .option('--allow-changed', 'run revision files that changed since the database recorded them (refused otherwise)')
      .option('--json', JSON_HELP);
    fanOutOptions(command).action(
      singleOrFleet(direction, async () => {
        const { migrate } = await commands.migrate();
        return (session: Session, target: string) => migrate(session, direction, target);
      }),
    );
  }

  program
    .command('merge')
    .description("a revision whose downRevision lists several revisions ('heads' for every head)")
    .argument('<revs...>', 'the revisions to join: IDs, prefixes, <label>@head, or heads')
    .requiredOption('-m, --message <message>', 'what the merge joins (required)')
    .option('--rev-id <id>', 'use this revision ID instead of a random one')
    .option('--branch-label <label>', 'label the merge revision (repeatable)', collect)
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.files()).merge));

  const stamp = program
    .command('stamp')
    .description('set the version table without running migrations')
    .argument('<targets...>', 'revision(s) to record, or base')
    .option('--purge', 'empty the version table first')
    .option('--json', JSON_HELP);
  fanOutOptions(stamp).action(singleOrFleet('stamp', async () => (await commands.migrate()).stamp));

  program
    .command('rechecksum')
    .description('re-record the checksum of applied revision files after an intended edit')
    .argument('[revs...]', 'revisions to re-record (default: every applied revision)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.migrate()).rechecksum));

  program
    .command('history')
    .description('the revision graph, newest first (-v: in full)')
    .option('-r, --rev-range <range>', '<from>:<to>, either end optional')
    .option('-i, --indicate-current', 'mark the current revision(s) (connects to the database)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.graph()).history));

  const current = program
    .command('current')
    .description('the revision(s) the database is at (-v: in full)')
    .option('--check-heads', 'exit with status 2 unless the database is at every head (for deploy scripts)')
    .option('--json', JSON_HELP);
  fanOutOptions(current).action(singleOrFleet('current', async () => (await commands.current()).current));

  program
    .command('heads')
    .description('the newest revision of every branch (-v: in full)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.graph()).heads));

  program
    .command('branches')
    .description('every branch point and the branches that start there (-v: in full)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.graph()).branches));

  program
    .command('show')
    .description('one revision in detail')
    .argument('<rev>', 'revision ID, prefix, head or <label>@head')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.graph()).show));

  const check = program
    .command('check')
    .description('exit 2, printing the operations, when the database differs from the schema; 0 when it matches')
    .option('--lint', 'also lint every revision; an error-level finding exits 2 too')
    .option('--json', JSON_HELP);
  fanOutOptions(check).action(singleOrFleet('check', async () => (await commands.check()).check));

  program
    .command('lint')
    .description('the safe-migration findings of the revisions in a range; exit 2 when an error-level finding remains (docs/lint.md)')
    .argument('[range]', '<from>:<to> or <to>, as for upgrade --sql (default: every revision, base to the heads)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.lint()).lint));

  program
    .command('test')
    .description('prove revisions in a throwaway database: upgrade, downgrade, upgrade, comparing the schema after each; exit 2 when one fails (docs/testing-revisions.md)')
    .argument('[range]', '<from>:<to>, base:head for every revision (default: the revisions pending in the database)')
    .option('--seed <file>', 'SQL statements, or a module exporting seed(db), run at the start of the range; a downgrade that loses rows fails')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.test()).test));

  program
    .command('squash')
    .description('write one revision standing for a straight run of revisions, keeping the last one\'s ID; then delete the files it lists (docs/revision-graph.md)')
    .argument('<range>', '<from>:<to>; <from> may be base')
    .requiredOption('-m, --message <message>', 'what the squash revision holds (required)')
    .option('--yes', 'squash although revisions of the range change rows (those statements are left out)')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.squash()).squash));

  program
    .command('pull')
    .description('introspect the database and write schema modules for its tables (adopt an existing database)')
    .option('--out <dir>', "folder for the modules (default: the configured barrel's folder)")
    .option('--force', 'overwrite modules that already exist')
    .option('--stamp', 'also write a baseline revision creating this schema and stamp the database at it')
    .option('--schema <name>', 'PostgreSQL: also pull this named schema, with pgSchema(…) modules (repeatable)', collect)
    .option('--all-schemas', 'PostgreSQL: pull every schema except system and extension-owned ones')
    .option('--json', JSON_HELP)
    .action(action(async () => (await commands.files()).pull));

  return program;
}
