/**
 * Remembering the SQL a revision runs, so that a failure can name the failing statement and,
 * where DDL commits implicitly (MySQL), the statements that had already run.
 */
import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** One statement the revision sent, and whether the database finished it. */
export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly completed: boolean;
}

interface MutableStatement {
  readonly queryId: PluginTransformQueryArgs['queryId'];
  readonly node: RootOperationNode;
  completed: boolean;
}

/**
 * A Kysely plugin that keeps each query as it is sent (schema builder, query builder and raw
 * `sql` alike all pass through `transformQuery`) and marks it completed when its result comes
 * back. Added last, it sees each query exactly as the other plugins left it. Queries are
 * compiled to SQL only when asked for — after a failure — so a successful run compiles once.
 * Without `keepCompleted` a statement is forgotten once it completes (a revision that is rolled
 * back names only the failing one): thousands of kept query trees are tens of MiB.
 */
export class StatementRecorder implements KyselyPlugin {
  readonly #compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery;
  readonly #keepCompleted: boolean;
  /** In the order sent, by query ID, so that marking a result is O(1): a revision may send thousands of statements. */
  readonly #byQueryId = new Map<PluginTransformQueryArgs['queryId'], MutableStatement>();

  constructor(compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery, keepCompleted = true) {
    this.#compile = compile;
    this.#keepCompleted = keepCompleted;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#byQueryId.set(args.queryId, { queryId: args.queryId, node: args.node, completed: false });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const statement = this.#byQueryId.get(args.queryId);
    if (statement && this.#keepCompleted) statement.completed = true;
    else if (statement) this.#byQueryId.delete(args.queryId);
    return args.result;
  }

  /** Every statement sent so far, in order (without `keepCompleted`, those that have not completed). */
  get statements(): readonly RecordedStatement[] {
    return [...this.#byQueryId.values()].map(({ queryId, node, completed }) => {
      const { sql, parameters } = this.#compile(node, queryId);
      return { sql, parameters, completed };
    });
  }

  /** The last statement sent that never completed: the one that failed. */
  get failed(): RecordedStatement | undefined {
    return [...this.statements].reverse().find((statement) => !statement.completed);
  }
}

/**
 * A Kysely instance that records what runs through it, and its recorder.
 *
 * @example
 * const { db: recorded, recorder } = recordStatements(trx);
 * await revision.upgrade(recorded);
 * recorder.statements.map((s) => s.sql); // ['create table "profile" (…)', …]
 */
export function recordStatements(db: Kysely<any>, options: { readonly keepCompleted?: boolean } = {}): { readonly db: Kysely<any>; readonly recorder: StatementRecorder } {
  const executor = db.getExecutor();
  const recorder = new StatementRecorder((node, queryId) => executor.compileQuery(node, queryId), options.keepCompleted);
  return { db: db.withPlugin(recorder), recorder };
}
