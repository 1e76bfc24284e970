/**
 * The commander program: global options, one subcommand per SPEC §6 row. Command modules
 * (and the output, which loads the redaction rules) load when their command runs, so `--help`
 * loads nothing but commander and this CommonJS module.
 */
import { Command, Option } from 'commander';
import type { GlobalOptions } from '../commands/project.js';
import type { Output } from './output.js';

interface CommonOptions extends GlobalOptions {
  readonly color: boolean;
  readonly verbose?: boolean;
  readonly yes?: boolean;
}

type Handler<A extends unknown[]> = (output: Output, options: CommonOptions & Record<string, any>, ...args: A) => Promise<void>;

const REQUIRE_FAILURES = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

/**
 * Load an ES module of the CLI with require() where Node can require ES modules (Node
 * 20.19+, 22.12+): synchronous reads instead of the module loader's thread-pool round trips,
 * about 20 ms off `history`. Elsewhere, or for a module graph that needs top-level await,
 * `viaImport` (the same specifier through import(), which also gives the module's type).
 *
 * @example
 * const inspect = await load('../commands/inspect.js', () => import('../commands/inspect.js'));
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

/** The project loader and the graph commands, which must start quickly (`history`, `heads`, …). */
function graphCommands() {
  return Promise.all([
    load('../commands/project.js', () => import('../commands/project.js')),
    load('../commands/inspect.js', () => import('../commands/inspect.js')),
  ]);
}

/** Wrap a handler so it receives the output and the merged global + local options. */
function action<A extends unknown[]>(handler: Handler<A>) {
  return async function (this: Command, ...args: unknown[]) {
    const options = this.optsWithGlobals() as CommonOptions & Record<string, any>;
    const { createOutput } = await load('./output.js', () => import('./output.js'));
    const output = createOutput({ color: options.color });
    await handler(output, options, ...(args.slice(0, -2) as A));
  };
}

/** Commander's accumulator for a repeatable option. */
function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/**
 * Build the CLI program; commander's error messages (and the usage after them) go to
 * `writeErr`, stderr by default.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'schemigrate', 'heads']);
 */
export function buildProgram(writeErr: (text: string) => void = (text) => process.stderr.write(text)): Command {
  const program = new Command('schemigrate')
    // Set before the subcommands are added: each copies it when created.
    .configureOutput({ writeErr })
    .description("Schema-diffing migrations for TypeScript: Alembic's workflow on Kysely.")
    .option('-c, --config <path>', 'config file (default: search upward for schemigrate.config.*)')
    .option('--url <url>', "database URL; beats the config's url")
    .option('-y, --yes', 'answer confirmations with yes')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('--verbose', 'stack traces and more detail')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('scaffold a project: config, revision template, versions/, starter schema')
    .argument('[dir]', 'project folder', '.')
    .addOption(new Option('--dialect <dialect>', 'database to configure').choices(['sqlite', 'postgres', 'mysql']).default('sqlite'))
    .action(
      action<[string]>(async (output, options, dir) => {
        const { initProject } = await import('../commands/init.js');
        initProject({ directory: dir, dialect: options.dialect }, output);
      }),
    );

  program
    .command('revision')
    .description('create a new revision file; --autogenerate fills it from the diff')
    .requiredOption('-m, --message <message>', 'what the revision changes')
    .option('--autogenerate', 'compare the database with the schema and write the operations')
    .option('--rev-id <id>', 'use this revision ID instead of a random one')
    .option('--dry-run', 'print the operations and write nothing')
    .option('--allow-empty', 'write a revision even when autogenerate finds no change')
    .option('--head <rev>', 'the parent: a revision, <label>@head, or base for a new root (default: the only head)')
    .option('--splice', 'allow --head to name a revision that is not a head, starting a new branch')
    .option('--branch-label <label>', 'label the new revision (repeatable); targets can then say <label>@head', collect, [])
    .option('--depends-on <rev>', 'a revision that must be applied first (repeatable; stored as its full ID)', collect, [])
    .option('--rename <old=new>', 'with --autogenerate: a rename, not a drop and create (table: old=new; column: table.old=new; repeatable)', collect, [])
    .option('--drop-create <old>', 'with --autogenerate: old (or table.old) is really dropped, not renamed (repeatable)', collect, [])
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, { createRevision }] = await Promise.all([
          import('../commands/project.js'),
          import('../commands/revision.js'),
        ]);
        const config = await openProject(options);
        await createRevision(
          config,
          {
            message: options.message,
            autogenerate: options.autogenerate,
            revId: options.revId,
            dryRun: options.dryRun,
            allowEmpty: options.allowEmpty,
            head: options.head,
            splice: options.splice,
            branchLabels: options.branchLabel,
            dependsOn: options.dependsOn,
            rename: options.rename,
            dropCreate: options.dropCreate,
            yes: options.yes === true,
          },
          output,
        );
      }),
    );

  for (const direction of ['upgrade', 'downgrade'] as const) {
    program
      .command(direction)
      .description(direction === 'upgrade' ? 'apply revisions up to target' : 'revert revisions down to target')
      .argument(
        '<target>',
        'head, heads, base, a revision ID or prefix, +N, -N, <rev>+N, <rev>-N, <label>@head, <label>@base, <label>@+N, <label>@-N; with --sql also <from>:<to>',
      )
      .option('--sql', 'print the SQL instead of running it; no database is contacted')
      .option('--allow-changed', 'run revision files that changed since the database recorded them (refused otherwise)')
      .action(
        action<[string]>(async (output, options, target) => {
          const [{ openProject }, migrate] = await Promise.all([
            import('../commands/project.js'),
            import('../commands/migrate.js'),
          ]);
          const config = await openProject(options);
          if (options.sql) await migrate.migrateOffline(config, direction, target, output);
          else await migrate.migrate(config, direction, target, output, { allowChanged: options.allowChanged === true });
        }),
      );
  }

  program
    .command('merge')
    .description("a revision whose downRevision lists several revisions ('heads' for every head)")
    .argument('<revs...>', 'the revisions to join: IDs, prefixes, <label>@head, or heads')
    .requiredOption('-m, --message <message>', 'what the merge joins')
    .option('--rev-id <id>', 'use this revision ID instead of a random one')
    .option('--branch-label <label>', 'label the merge revision (repeatable)', collect, [])
    .action(
      action<[string[]]>(async (output, options, revs) => {
        const [{ openProject }, { mergeRevisions }] = await Promise.all([import('../commands/project.js'), import('../commands/merge.js')]);
        await mergeRevisions(
          await openProject(options),
          revs,
          { message: options.message, revId: options.revId, branchLabels: options.branchLabel },
          output,
        );
      }),
    );

  program
    .command('stamp')
    .description('set the version table without running migrations')
    .argument('<targets...>', 'revision(s) to record, or base')
    .option('--purge', 'empty the version table first')
    .action(
      action<[string[]]>(async (output, options, targets) => {
        const [{ openProject }, { stamp }] = await Promise.all([import('../commands/project.js'), import('../commands/migrate.js')]);
        await stamp(await openProject(options), targets, { purge: options.purge === true }, output);
      }),
    );

  program
    .command('rechecksum')
    .description('re-record the checksum of applied revision files after an intended edit')
    .argument('[revs...]', 'revisions to re-record (default: every applied revision)')
    .action(
      action<[string[]]>(async (output, options, revs) => {
        const [{ openProject }, { rechecksum }] = await Promise.all([import('../commands/project.js'), import('../commands/tamper.js')]);
        await rechecksum(await openProject(options), revs, output);
      }),
    );

  program
    .command('history')
    .description('the revision graph, newest first')
    .option('-r, --rev-range <range>', '<from>:<to>, either end optional')
    .option('-v, --verbose', 'full details of each revision')
    .option('-i, --indicate-current', 'mark the current revision(s) (connects to the database)')
    .option('--json', 'machine-readable output')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, inspect] = await graphCommands();
        await inspect.history(await openProject(options), options, output);
      }),
    );

  program
    .command('current')
    .description('the revision(s) the database is at')
    .option('-v, --verbose', 'full details')
    .option('--check-heads', 'exit 1 unless the database is at every head (for deploy scripts)')
    .option('--json', 'machine-readable output')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, inspect] = await graphCommands();
        await inspect.current(await openProject(options), options, output);
      }),
    );

  program
    .command('heads')
    .description('the newest revision of every branch')
    .option('-v, --verbose', 'full details')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, inspect] = await graphCommands();
        await inspect.heads(await openProject(options), options, output);
      }),
    );

  program
    .command('branches')
    .description('every branch point and the branches that start there')
    .option('-v, --verbose', 'full details')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, inspect] = await graphCommands();
        await inspect.branches(await openProject(options), options, output);
      }),
    );

  program
    .command('show')
    .description('one revision in detail')
    .argument('<rev>', 'revision ID, prefix, head or base')
    .action(
      action<[string]>(async (output, options, rev) => {
        const [{ openProject }, inspect] = await graphCommands();
        await inspect.show(await openProject(options), rev, output);
      }),
    );

  program
    .command('check')
    .description('exit 1, printing the operations, when the database differs from the schema')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, { checkSchema }, { describeOperation }] = await Promise.all([
          import('../commands/project.js'),
          import('../commands/check.js'),
          import('../operations/describe.js'),
        ]);
        const differences = await checkSchema(await openProject(options), output);
        if (differences.length === 0) {
          output.print('No differences: the database matches the schema.');
          return;
        }
        output.print(`The database differs from the schema (${differences.length} operation(s)):`);
        for (const operation of differences) output.print(`  ${describeOperation(operation)}`);
        process.exitCode = 1;
      }),
    );

  program
    .command('pull')
    .description('introspect the database and write schema modules for its tables (adopt an existing database)')
    .option('--out <dir>', "folder for the modules (default: the configured barrel's folder)")
    .option('--force', 'overwrite modules that already exist')
    .option('--stamp', 'also write a baseline revision creating this schema and stamp the database at it')
    .option('--schema <name>', 'PostgreSQL: also pull this named schema, with pgSchema(…) modules (repeatable)', collect, [])
    .option('--all-schemas', 'PostgreSQL: pull every schema except system and extension-owned ones')
    .action(
      action<[]>(async (output, options) => {
        const [{ openProject }, { pull }] = await Promise.all([import('../commands/project.js'), import('../commands/pull.js')]);
        await pull(
          await openProject(options),
          { out: options.out, force: options.force, stamp: options.stamp, schemas: options.schema, allSchemas: options.allSchemas },
          output,
        );
      }),
    );

  return program;
}
