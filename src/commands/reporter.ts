/**
 * How programmatic commands report progress. The CLI prints through it (with colours on a
 * terminal); an embedding program can collect the lines or ignore them.
 */
export interface Reporter {
  /** A step or a result line. */
  info(message: string): void;
  /** Something the user should look at, but not a failure. */
  warn(message: string): void;
}

/** A reporter that drops everything, for programmatic use. */
export const silentReporter: Reporter = { info() {}, warn() {} };
