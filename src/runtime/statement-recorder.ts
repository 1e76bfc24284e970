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
 */
export class StatementRecorder implements KyselyPlugin {
  readonly #compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery;
  readonly #statements: MutableStatement[] = [];
  /** By query ID, so that marking a result is O(1): a revision may send thousands of statements. */
  readonly #byQueryId = new Map<PluginTransformQueryArgs['queryId'], MutableStatement>();

  constructor(compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery) {
    this.#compile = compile;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const statement = { queryId: args.queryId, node: args.node, completed: false };
    this.#statements.push(statement);
    this.#byQueryId.set(args.queryId, statement);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const statement = this.#byQueryId.get(args.queryId);
    if (statement) statement.completed = true;
    return args.result;
  }

  /** Every statement sent so far, in order. */
  get statements(): readonly RecordedStatement[] {
    return this.#statements.map(({ queryId, node, completed }) => {
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
export function recordStatements(db: Kysely<any>): { readonly db: Kysely<any>; readonly recorder: StatementRecorder } {
  const executor = db.getExecutor();
  const recorder = new StatementRecorder((node, queryId) => executor.compileQuery(node, queryId));
  return { db: db.withPlugin(recorder), recorder };
}
