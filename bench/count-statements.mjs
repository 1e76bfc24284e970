/**
 * A preload for the measured CLI process (`node --import ./bench/count-statements.mjs …`):
 * counts every statement the process sends to a database, by wrapping the drivers' own entry
 * points the moment they load, and writes the tally to `$BENCH_STATEMENTS_FILE` on exit.
 *
 * It lives in the benchmark, never in the product. Wrapping happens lazily (on the driver's
 * first `require`), so a command that loads no driver pays nothing for it.
 *
 * Counted: `pg` — each `Client#query` call (one simple or extended-protocol query on the wire);
 * `better-sqlite3` — each `Statement#run/all/get/iterate` and each `Database#exec`/`#pragma`;
 * `mysql2` — each `Connection#query`/`#execute`. Statements whose text reads the catalog
 * (`pg_catalog`, `information_schema`, `sqlite_master`, `pragma_*`) are also counted apart.
 */
import Module, { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const outputFile = process.env.BENCH_STATEMENTS_FILE;
/** With `$BENCH_STATEMENTS_LOG` set, each statement's start (ms since the process began), duration (ms) and text are written there (for diagnosis). */
const logFile = process.env.BENCH_STATEMENTS_LOG;
const tally = { statements: 0, catalog: 0 };
const texts = [];
const CATALOG = /\b(pg_catalog|pg_class|pg_attribute|pg_index|pg_constraint|pg_type|information_schema|sqlite_master|sqlite_schema|pragma)/i;

/** Count one statement; with a log, returns a callback that records its duration. */
function count(sqlText) {
  tally.statements += 1;
  if (typeof sqlText === 'string' && CATALOG.test(sqlText)) tally.catalog += 1;
  if (!logFile) return undefined;
  const started = performance.now();
  const entry = { text: String(sqlText).replace(/\s+/g, ' '), at: started, ms: NaN };
  texts.push(entry);
  return () => {
    entry.ms = performance.now() - started;
  };
}

/** Wrap `owner[name]` so that each call counts the SQL text `textOf(this, args)` finds. */
function wrap(owner, name, textOf) {
  const original = owner?.[name];
  if (typeof original !== 'function' || original.__benchCounted) return;
  const counted = function (...args) {
    const done = count(textOf(this, args));
    const result = original.apply(this, args);
    if (done) {
      if (typeof result?.then === 'function') result.then(done, done);
      else done();
    }
    return result;
  };
  counted.__benchCounted = true;
  owner[name] = counted;
}

const textOfQuery = (_self, [query]) => (typeof query === 'string' ? query : query?.text ?? query?.sql);

const patchers = {
  pg(exports) {
    wrap(exports.Client?.prototype, 'query', textOfQuery);
  },
  'better-sqlite3'(Database) {
    const proto = Database?.prototype;
    if (!proto) return;
    wrap(proto, 'exec', (_self, [text]) => text);
    wrap(proto, 'pragma', (_self, [text]) => `pragma ${text}`);
    const prepare = proto.prepare;
    let statementPatched = false;
    proto.prepare = function (...args) {
      const statement = prepare.apply(this, args);
      if (!statementPatched) {
        statementPatched = true;
        const statementProto = Object.getPrototypeOf(statement);
        for (const method of ['run', 'all', 'get', 'iterate']) wrap(statementProto, method, (self) => self.source);
      }
      return statement;
    };
  },
  mysql2(exports) {
    const connection = exports.Connection?.prototype;
    wrap(connection, 'query', textOfQuery);
    wrap(connection, 'execute', textOfQuery);
  },
};

// ESM imports of these CommonJS drivers reach `Module._load` with the resolved file name.
const require = createRequire(import.meta.url);
const driverByFile = new Map(Object.keys(patchers).map((name) => [require.resolve(name), name]));
const patched = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  const exports = load.call(this, request, ...rest);
  const driver = driverByFile.get(request) ?? (Object.hasOwn(patchers, request) ? request : undefined);
  if (driver && !patched.has(driver)) {
    patched.add(driver);
    patchers[driver](exports);
  }
  return exports;
};

process.on('exit', () => {
  if (outputFile) writeFileSync(outputFile, JSON.stringify(tally));
  if (logFile) writeFileSync(logFile, texts.map(({ text, at, ms }) => `${at.toFixed(1)}\t${ms.toFixed(1)}\t${text}\n`).join(''));
});
