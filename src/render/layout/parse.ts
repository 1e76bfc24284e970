/**
 * A reader for the JavaScript the renderer writes in revision bodies: identifiers, literals,
 * `sql` templates, arrays, member access, calls, arrows with an expression body, `await` and
 * `void`. Anything else (a block, an object, a comment inside a statement, non-ASCII text, whose
 * width prettier measures differently) is refused with `undefined`, and the caller lets prettier
 * format that statement.
 */

export type Expression =
  | { readonly type: 'Identifier'; readonly name: string }
  | { readonly type: 'Literal'; readonly raw: string; readonly string: boolean }
  | { readonly type: 'Template'; readonly tag?: Expression; readonly quasis: readonly string[]; readonly expressions: readonly Expression[] }
  | { readonly type: 'Array'; readonly elements: readonly Expression[] }
  | { readonly type: 'Member'; readonly object: Expression; readonly property: string }
  | { readonly type: 'Call'; readonly callee: Expression; readonly args: readonly Expression[] }
  | { readonly type: 'Arrow'; readonly params: readonly string[]; readonly body: Expression }
  | { readonly type: 'Unary'; readonly operator: 'await' | 'void' | '-'; readonly argument: Expression };

/** A statement: an expression and an optional `// comment` after its semicolon. */
export interface Statement {
  readonly expression: Expression;
  readonly comment?: string;
}

class Refused extends Error {}

const WORD = /[A-Za-z_$][\w$]*/y;
/** A number as `String(n)` writes it (prettier would rewrite any other spelling). */
const NUMBER = /\d+(\.\d*[1-9])?(?![\w.])/y;

const LITERAL_WORDS = new Set(['null', 'true', 'false']);
/** Words that start constructs this reader does not know. */
const RESERVED = new Set(['async', 'function', 'new', 'typeof', 'delete', 'in', 'instanceof', 'return', 'this', 'super', 'class', 'yield', 'let', 'const', 'var', 'if', 'import', 'export', 'undefined']);

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  private refuse(): never {
    throw new Refused();
  }

  private skipSpace(): void {
    for (let code = this.text.charCodeAt(this.at); code === 32 || code === 10 || code === 9 || code === 13; code = this.text.charCodeAt(this.at)) this.at++;
  }

  /** The match of a sticky pattern at the current position, consumed; undefined when it does not match there. */
  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (found === null) return undefined;
    this.at += found[0].length;
    return found[0];
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.at);
  }

  private eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.at += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.refuse();
  }

  private word(): string | undefined {
    this.skipSpace();
    return this.match(WORD);
  }

  statement(): Statement {
    const expression = this.expression();
    this.expect(';');
    this.skipSpace();
    const rest = this.text.slice(this.at);
    if (rest === '') return { expression };
    if (!rest.startsWith('//') || rest.includes('\n')) this.refuse();
    return { expression, comment: rest.trimEnd() };
  }

  expression(): Expression {
    const start = this.at;
    const operator = this.word();
    if (operator === 'await' || operator === 'void') return { type: 'Unary', operator, argument: this.expression() };
    this.at = start;
    if (this.eat('-')) return { type: 'Unary', operator: '-', argument: this.expression() };
    let node = this.primary();
    for (;;) {
      if (this.eat('.')) node = { type: 'Member', object: node, property: this.word() ?? this.refuse() };
      else if (this.eat('(')) node = { type: 'Call', callee: node, args: this.list(')') };
      else if (this.peek('`')) node = this.template(node);
      else return node;
    }
  }

  /** Comma-separated expressions up to `close`; a trailing comma is allowed. */
  private list(close: string): Expression[] {
    const items: Expression[] = [];
    while (!this.eat(close)) {
      items.push(this.expression());
      if (!this.eat(',') && !this.peek(close)) this.refuse();
    }
    return items;
  }

  private primary(): Expression {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === "'" || char === '"') return this.string(char);
    if (char === '`') return this.template(undefined);
    if (char === '[') {
      this.at++;
      return { type: 'Array', elements: this.list(']') };
    }
    if (char === '(') return this.arrow();
    const number = this.match(NUMBER);
    if (number !== undefined) return { type: 'Literal', raw: number, string: false };
    const word = this.word() ?? this.refuse();
    if (LITERAL_WORDS.has(word)) return { type: 'Literal', raw: word, string: false };
    if (RESERVED.has(word)) this.refuse();
    return { type: 'Identifier', name: word };
  }

  private arrow(): Expression {
    this.expect('(');
    const params: string[] = [];
    while (!this.eat(')')) {
      params.push(this.word() ?? this.refuse());
      if (!this.eat(',') && !this.peek(')')) this.refuse();
    }
    this.expect('=>');
    if (this.peek('{')) this.refuse();
    return { type: 'Arrow', params, body: this.expression() };
  }

  private string(quote: string): Expression {
    let end = this.at + 1;
    while (this.text[end] !== quote) {
      if (end >= this.text.length || this.text[end] === '\n') this.refuse();
      end += this.text[end] === '\\' ? 2 : 1;
    }
    const raw = this.text.slice(this.at, end + 1);
    this.at = end + 1;
    return { type: 'Literal', raw, string: true };
  }

  private template(tag: Expression | undefined): Expression {
    this.expect('`');
    const quasis: string[] = [];
    const expressions: Expression[] = [];
    let quasiStart = this.at;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined || char === '\n') this.refuse();
      if (char === '`') break;
      if (char === '\\') {
        this.at += 2;
      } else if (this.text.startsWith('${', this.at)) {
        quasis.push(this.text.slice(quasiStart, this.at));
        this.at += 2;
        expressions.push(this.expression());
        this.expect('}');
        quasiStart = this.at;
      } else {
        this.at++;
      }
    }
    quasis.push(this.text.slice(quasiStart, this.at));
    this.at++;
    return { type: 'Template', tag, quasis, expressions };
  }
}

/**
 * One statement of a revision body read into a syntax tree, or undefined when it uses anything
 * this reader does not know.
 *
 * @example
 * readStatement("await db.schema.dropTable('t').execute();")?.expression.type; // 'Unary'
 */
export function readStatement(text: string): Statement | undefined {
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  try {
    return new Reader(text).statement();
  } catch (error) {
    if (error instanceof Refused) return undefined;
    throw error;
  }
}

/**
 * An expression alone (a header value), or undefined.
 *
 * @example
 * readExpression("['a', 'b']")?.type; // 'Array'
 */
export function readExpression(text: string): Expression | undefined {
  return readStatement(`${text};`)?.expression;
}
