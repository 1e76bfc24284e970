/**
 * Syntax trees of revision statements (parse.ts) → documents (doc.ts), following the rules of
 * prettier's JavaScript printer for the constructs the renderer writes: member chains, call
 * arguments with the last one hugged, arrow functions, arrays, templates and string quotes. Each
 * function names the prettier rule it follows, so that a difference can be traced to one place.
 */
import { breakParent, conditionalGroup, group, hardline, ifBreak, indent, join, line, softline, willBreak, type Doc } from './doc.js';
import type { Expression } from './parse.js';

/** The ESTree node type prettier sees (its rules compare neighbouring arguments' types). */
function estreeType(node: Expression): string {
  switch (node.type) {
    case 'Template':
      return node.tag === undefined ? 'TemplateLiteral' : 'TaggedTemplateExpression';
    case 'Arrow':
      return 'ArrowFunctionExpression';
    case 'Array':
      return 'ArrayExpression';
    case 'Call':
      return 'CallExpression';
    case 'Member':
      return 'MemberExpression';
    case 'Unary':
      return node.operator === 'await' ? 'AwaitExpression' : 'UnaryExpression';
    default:
      return node.type;
  }
}

/** prettier's string quotes: double, unless the text holds more double quotes than single. */
function printString(raw: string): string {
  let doubles = 0;
  let singles = 0;
  for (let i = 1; i < raw.length - 1; i++) {
    const code = raw.charCodeAt(i);
    if (code === 34) doubles++;
    else if (code === 39) singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  if (raw[0] === quote) return raw;
  const content = raw.slice(1, -1);
  // Only quotes (bare or escaped) are rewritten below.
  if (doubles + singles === 0) return quote + content + quote;
  const other = quote === '"' ? "'" : '"';
  const body = content.replace(/\\(["'\\])|(["'])/g, (match, escaped: string | undefined, bare: string | undefined) => {
    if (escaped !== undefined) return escaped === other ? other : match;
    return bare === quote ? `\\${bare}` : bare!;
  });
  return quote + body + quote;
}

/** prettier's `isSimpleCallArgument`: what keeps a short member chain on one line. */
function isSimpleArgument(node: Expression, depth = 2): boolean {
  if (depth <= 0) return false;
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
      return true;
    case 'Template':
      return node.tag === undefined && node.expressions.every((expression) => isSimpleArgument(expression, depth - 1));
    case 'Array':
      return node.elements.every((element) => isSimpleArgument(element, depth - 1));
    case 'Call':
      return isSimpleArgument(node.callee, depth) && node.args.length <= depth && node.args.every((arg) => isSimpleArgument(arg, depth - 1));
    case 'Member':
      return isSimpleArgument(node.object, depth);
    case 'Unary':
      return node.operator === '-' && isSimpleArgument(node.argument, depth);
    default:
      return false;
  }
}

/** prettier's `couldExpandArg`: a last argument that may hug the call's parentheses. */
function couldExpand(node: Expression): boolean {
  if (node.type === 'Array') return node.elements.length > 0;
  if (node.type !== 'Arrow') return false;
  return node.body.type === 'Array' || node.body.type === 'Call' || (node.body.type === 'Arrow' && couldExpand(node.body));
}

/** prettier's `isConciselyPrintedArray`: numbers only (filled, never hugged after other arguments). */
function isNumberArray(node: Expression): boolean {
  return node.type === 'Array' && node.elements.length > 0 && node.elements.every((element) => element.type === 'Literal' && !element.string && /^\d/.test(element.raw));
}

interface PrintOptions {
  readonly expandLastArg?: boolean;
  /** The parent is an expression statement (prettier keeps a short first name on the chain's first line). */
  readonly statement?: boolean;
}

/**
 * The document of an expression.
 *
 * @example
 * printDoc(printExpression(readExpression("f('a')")!), 80); // 'f("a")'
 */
export function printExpression(node: Expression, options: PrintOptions = {}): Doc {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
      return flatText(node);
    case 'Template':
      return printTemplate(node);
    case 'Array':
      return printArray(node.elements);
    case 'Member':
      // Only chains (below) and templates use member access; elsewhere prettier may break it.
      throw new Unsupported();
    case 'Call':
      if (node.callee.type === 'Member') return printMemberChain(node, options);
      if (node.callee.type !== 'Identifier') throw new Unsupported();
      return [node.callee.name, printArguments(node.args)];
    case 'Arrow':
      return printArrow(node, options);
    case 'Unary':
      return node.operator === '-' ? ['-', printExpression(node.argument)] : [node.operator, ' ', printExpression(node.argument)];
  }
}

/** A construct the layout does not follow prettier for; the statement goes to prettier. */
export class Unsupported extends Error {}

/** prettier's template literals: each `${…}` printed on one line, the template never broken. */
function printTemplate(node: Extract<Expression, { type: 'Template' }>): string {
  let text = node.tag === undefined ? '`' : `${flatText(node.tag)}\``;
  node.quasis.forEach((quasi, index) => {
    text += quasi;
    if (index < node.expressions.length) text += `\${${flatText(node.expressions[index]!)}}`;
  });
  return `${text}\``;
}

/**
 * An expression inside a template (`sql`, `sql.id("t")`, `sql.lit("x")`) as prettier prints it
 * there: on one line. Only names, literals and calls with literal arguments are taken, which no
 * width makes prettier break.
 */
function flatText(node: Expression): string {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'Literal':
      return node.string ? printString(node.raw) : node.raw;
    case 'Member':
      return `${flatText(node.object)}.${node.property}`;
    case 'Call':
      if (node.callee.type === 'Call' || !node.args.every((arg) => arg.type === 'Literal')) throw new Unsupported();
      return `${flatText(node.callee)}(${node.args.map(flatText).join(', ')})`;
    default:
      throw new Unsupported();
  }
}

/** prettier's `printArray` (strings and templates; arrays of arrays break when each has two or more). */
function printArray(elements: readonly Expression[]): Doc {
  if (elements.length === 0) return '[]';
  if (isNumberArray({ type: 'Array', elements })) throw new Unsupported();
  const shouldBreak = elements.length > 1 && elements.every((element) => element.type === 'Array' && element.elements.length > 1);
  const items = join([',', line], elements.map((element) => group(printExpression(element))));
  return group(['[', indent([softline, items, ifBreak(',')]), softline, ']'], { shouldBreak });
}

/** prettier's `printCallArguments`, for arguments without comments or blank lines. */
function printArguments(args: readonly Expression[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map((arg, index) => (index === args.length - 1 ? printExpression(arg) : [printExpression(arg), ',', line]));
  const allBrokenOut = () => group(['(', indent([line, printed]), ifBreak(','), line, ')'], { shouldBreak: true });
  if (
    args.length > 1 &&
    (args.filter((arg) => arg.type === 'Arrow').length > 1 || args.some((arg) => arg.type === 'Call' && arg.args.some((inner) => inner.type === 'Arrow')))
  ) {
    return allBrokenOut();
  }
  const last = args.at(-1)!;
  const penultimate = args.at(-2);
  const expandLast =
    couldExpand(last) &&
    (penultimate === undefined || estreeType(penultimate) !== estreeType(last)) &&
    (args.length !== 2 || penultimate?.type !== 'Arrow' || last.type !== 'Array') &&
    !(args.length > 1 && isNumberArray(last));
  if (expandLast) {
    const head = printed.slice(0, -1);
    if (head.some(willBreak)) return allBrokenOut();
    const hugged = printExpression(last, { expandLastArg: true });
    if (willBreak(hugged)) return [breakParent, conditionalGroup([['(', head, group(hugged, { shouldBreak: true }), ')'], allBrokenOut()])];
    return conditionalGroup([['(', head, hugged, ')'], ['(', head, group(hugged, { shouldBreak: true }), ')'], allBrokenOut()]);
  }
  return group(['(', indent([softline, printed]), ifBreak(','), softline, ')'], { shouldBreak: printed.some(willBreak) });
}

/** prettier's `printArrowFunction` for an arrow with identifier parameters and an expression body. */
function printArrow(node: Extract<Expression, { type: 'Arrow' }>, options: PrintOptions): Doc {
  if (node.body.type === 'Arrow') throw new Unsupported();
  const params = node.params;
  const signature: Doc =
    params.length === 0
      ? '()'
      : options.expandLastArg
        ? group(`(${params.join(', ')})`)
        : group(['(', indent([softline, join([',', line], params)]), ifBreak(','), softline, ')']);
  const body = printExpression(node.body);
  // Arrays stay on the arrow's line; anything else moves to the next line when it must.
  const bodyPart: Doc =
    node.body.type === 'Array'
      ? [' ', body]
      : [indent([line, body]), options.expandLastArg ? ifBreak(',') : '', options.expandLastArg ? softline : ''];
  return group([group(signature), ' =>', group(bodyPart)]);
}

type Link = { readonly node: Expression; readonly printed: Doc };

/** prettier's `printMemberChain`: `a.b(…).c(…)` on one line when short and simple, else one call per line. */
function printMemberChain(node: Extract<Expression, { type: 'Call' }>, options: PrintOptions): Doc {
  const links: Link[] = [];
  let current: Expression = node;
  for (;;) {
    if (current.type === 'Call' && (current.callee.type === 'Member' || current.callee.type === 'Call')) {
      links.push({ node: current, printed: printArguments(current.args) });
      current = current.callee;
    } else if (current.type === 'Member') {
      links.push({ node: current, printed: `.${current.property}` });
      current = current.object;
    } else {
      links.push({ node: current, printed: printExpression(current) });
      break;
    }
  }
  links.reverse();
  const isCall = (link: Link | undefined) => link?.node.type === 'Call';
  const isMember = (link: Link | undefined) => link?.node.type === 'Member';

  // The first group: the head, its calls, then its member accesses but the last.
  const groups: Link[][] = [];
  let index = 1;
  const first = [links[0]!];
  while (index < links.length && isCall(links[index])) first.push(links[index++]!);
  if (!isCall(links[0])) while (index + 1 < links.length && isMember(links[index]) && isMember(links[index + 1])) first.push(links[index++]!);
  groups.push(first);
  // Then groups of member accesses followed by calls.
  let currentGroup: Link[] = [];
  let seenCall = false;
  for (; index < links.length; index++) {
    if (seenCall && isMember(links[index])) {
      groups.push(currentGroup);
      currentGroup = [];
      seenCall = false;
    }
    if (isCall(links[index])) seenCall = true;
    currentGroup.push(links[index]!);
  }
  if (currentGroup.length > 0) groups.push(currentGroup);

  const isFactory = (name: string) => /^[A-Z]|^[$_]+$/.test(name);
  const head = groups[0]!;
  const shouldMerge =
    groups.length >= 2 &&
    (head.length === 1
      ? head[0]!.node.type === 'Identifier' && (isFactory(head[0]!.node.name) || (options.statement === true && head[0]!.node.name.length <= 2))
      : head.at(-1)!.node.type === 'Member' && isFactory((head.at(-1)!.node as Extract<Expression, { type: 'Member' }>).property));

  const printGroup = (links: readonly Link[]): Doc => links.map((link) => link.printed);
  const printedGroups = groups.map(printGroup);
  const oneLine = printedGroups;
  const cutoff = shouldMerge ? 3 : 2;
  if (groups.length <= cutoff) return group(oneLine);

  const rest = groups.slice(shouldMerge ? 2 : 1);
  const expanded = [printGroup(head), shouldMerge ? printGroup(groups[1]!) : '', indent([hardline, join(hardline, rest.map(printGroup))])];
  const calls = links.map((link) => link.node).filter((linked): linked is Extract<Expression, { type: 'Call' }> => linked.type === 'Call');
  const lastGroupBreaksAfterFunctions =
    isCall(groups.at(-1)!.at(-1)) && willBreak(printedGroups.at(-1)!) && calls.slice(0, -1).some((call) => call.args.some((arg) => arg.type === 'Arrow'));
  if (
    (calls.length > 2 && calls.some((call) => call.args.some((arg) => !isSimpleArgument(arg)))) ||
    printedGroups.slice(0, -1).some(willBreak) ||
    lastGroupBreaksAfterFunctions
  ) {
    return group(expanded);
  }
  return [willBreak(oneLine) ? breakParent : '', conditionalGroup([oneLine, expanded])];
}
