/**
 * A small document algebra and line fitter with prettier's semantics (groups that break or
 * stay flat, conditional groups that try their states in order, breaks that propagate to the
 * enclosing groups), for the layout of generated statements (print-expression.ts). Only the
 * commands those statements need exist; each behaves as prettier's of the same name.
 */

export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | IndentIfBreak | BreakParent;

export interface Group {
  readonly kind: 'group';
  readonly contents: Doc;
  /** True when set explicitly (`shouldBreak`) or when a hard break inside propagated to it. */
  break: boolean;
  /** A conditional group's states, least expanded first (`contents` is the first). */
  readonly expandedStates?: readonly Doc[];
  readonly id?: symbol;
}
interface Indent {
  readonly kind: 'indent';
  readonly contents: Doc;
}
interface Line {
  readonly kind: 'line';
  readonly soft?: boolean;
  readonly hard?: boolean;
}
interface IfBreak {
  readonly kind: 'ifBreak';
  readonly breakContents: Doc;
  readonly flatContents: Doc;
  readonly groupId?: symbol;
}
interface IndentIfBreak {
  readonly kind: 'indentIfBreak';
  readonly contents: Doc;
  readonly groupId: symbol;
}
interface BreakParent {
  readonly kind: 'breakParent';
}
type Node = Group | Indent | Line | IfBreak | IndentIfBreak | BreakParent;
/** The fields of any node (each kind uses some). */
interface Fields {
  readonly contents?: Doc;
  readonly break?: boolean;
  readonly expandedStates?: readonly Doc[];
  readonly id?: symbol;
  readonly breakContents?: Doc;
  readonly flatContents?: Doc;
  readonly groupId?: symbol;
  readonly soft?: boolean;
  readonly hard?: boolean;
}

/** Every node has every field, in one order: one object shape keeps the printer's property reads fast. */
function node<T extends Node>(fields: Fields & { readonly kind: T['kind'] }): T {
  return {
    kind: fields.kind,
    contents: fields.contents,
    break: fields.break ?? false,
    expandedStates: fields.expandedStates,
    id: fields.id,
    breakContents: fields.breakContents,
    flatContents: fields.flatContents,
    groupId: fields.groupId,
    soft: fields.soft ?? false,
    hard: fields.hard ?? false,
  } as unknown as T;
}

export const line: Doc = node<Line>({ kind: 'line' });
export const softline: Doc = node<Line>({ kind: 'line', soft: true });
export const breakParent: Doc = node<BreakParent>({ kind: 'breakParent' });
export const hardline: Doc = [node<Line>({ kind: 'line', hard: true }), breakParent];

/** A group: printed flat when it fits on the rest of the line, broken otherwise. */
export function group(contents: Doc, options: { shouldBreak?: boolean; id?: symbol } = {}): Group {
  return node<Group>({ kind: 'group', contents, break: options.shouldBreak ?? false, id: options.id });
}

/** prettier's `conditionalGroup`: the first state that fits flat, else the last one broken. */
export function conditionalGroup(states: readonly Doc[]): Group {
  return node<Group>({ kind: 'group', contents: states[0]!, expandedStates: states });
}

export function indent(contents: Doc): Doc {
  return node<Indent>({ kind: 'indent', contents });
}

export function ifBreak(breakContents: Doc, flatContents: Doc = '', groupId?: symbol): Doc {
  return node<IfBreak>({ kind: 'ifBreak', breakContents, flatContents, groupId });
}

export function indentIfBreak(contents: Doc, groupId: symbol): Doc {
  return node<IndentIfBreak>({ kind: 'indentIfBreak', contents, groupId });
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const joined: Doc[] = new Array(Math.max(0, 2 * docs.length - 1));
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) joined[2 * i - 1] = separator;
    joined[2 * i] = docs[i]!;
  }
  return joined;
}


/** Whether `doc` holds a broken group, a hard line or a break-parent (prettier's `willBreak`, which reads only a conditional group's first state). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) if (willBreak(doc[i])) return true;
    return false;
  }
  const node = doc as Node;
  switch (node.kind) {
    case 'group':
      return node.break || willBreak(node.contents);
    case 'indent':
    case 'indentIfBreak':
      return willBreak(node.contents);
    case 'ifBreak':
      return willBreak(node.breakContents) || willBreak(node.flatContents);
    case 'line':
      return node.hard === true;
    case 'breakParent':
      return true;
  }
}

/**
 * Mark every group that holds a hard break as broken, through every state of a conditional
 * group, which itself stops the propagation. Returns whether the enclosing group breaks.
 */
function propagateBreaks(doc: Doc, visited: Set<Group>): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    let found = false;
    for (let i = 0; i < doc.length; i++) if (propagateBreaks(doc[i], visited)) found = true;
    return found;
  }
  const node = doc as Node;
  switch (node.kind) {
    case 'group': {
      if (visited.has(node)) return node.break;
      visited.add(node);
      const states = node.expandedStates;
      if (states === undefined) {
        if (propagateBreaks(node.contents, visited)) node.break = true;
      } else {
        for (let i = 0; i < states.length; i++) propagateBreaks(states[i]!, visited);
      }
      return node.break;
    }
    case 'indent':
    case 'indentIfBreak':
      return propagateBreaks(node.contents, visited);
    case 'ifBreak': {
      const broken = propagateBreaks(node.breakContents, visited);
      return propagateBreaks(node.flatContents, visited) || broken;
    }
    case 'line':
      return false;
    case 'breakParent':
      return true;
  }
}

type Mode = 'break' | 'flat';

/** `fits`'s work list, kept between calls (it runs for most groups of a statement and never re-enters). */
const fitsDocs: Doc[] = [];
const fitsModes: Mode[] = [];

/** Whether `doc` (in `mode`), then the rest of the line (`rest`, in their modes), fits in `width` columns. */
function fits(doc: Doc, mode: Mode, rest: Stack, width: number, groupModes: Map<symbol, Mode>): boolean {
  let restIndex = rest.size;
  // A space counts only once text follows it.
  let pendingSpace = false;
  const docs = fitsDocs;
  const modes = fitsModes;
  docs[0] = doc;
  modes[0] = mode;
  let size = 1;
  while (width >= 0) {
    let current: Doc;
    let currentMode: Mode;
    if (size > 0) {
      size--;
      current = docs[size]!;
      currentMode = modes[size]!;
    } else if (restIndex > 0) {
      restIndex--;
      current = rest.docs[restIndex]!;
      currentMode = rest.modes[restIndex]!;
    } else {
      return true;
    }
    if (typeof current === 'string') {
      if (current !== '' && pendingSpace) {
        width -= 1;
        pendingSpace = false;
      }
      width -= current.length;
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        docs[size] = current[i]!;
        modes[size++] = currentMode;
      }
      continue;
    }
    const node = current as Node;
    switch (node.kind) {
      case 'indent':
      case 'indentIfBreak':
        docs[size] = node.contents;
        modes[size++] = currentMode;
        break;
      case 'group': {
        const groupMode: Mode = node.break ? 'break' : currentMode;
        docs[size] = node.expandedStates !== undefined && groupMode === 'break' ? node.expandedStates[node.expandedStates.length - 1]! : node.contents;
        modes[size++] = groupMode;
        break;
      }
      case 'ifBreak': {
        const groupMode = node.groupId !== undefined ? (groupModes.get(node.groupId) ?? 'flat') : currentMode;
        docs[size] = groupMode === 'break' ? node.breakContents : node.flatContents;
        modes[size++] = currentMode;
        break;
      }
      case 'line':
        if (currentMode === 'break' || node.hard) return true;
        if (!node.soft) pendingSpace = true;
        break;
      case 'breakParent':
        break;
    }
  }
  return false;
}

/**
 * The printer's work list, as parallel arrays up to `size` (it is the hot loop of a revision's
 * layout). One serves every statement, so that a revision's layout does not grow a new one each.
 */
class Stack {
  readonly docs: Doc[] = [];
  readonly modes: Mode[] = [];
  readonly indents: number[] = [];
  size = 0;

  push(doc: Doc, mode: Mode, indentation: number): void {
    this.docs[this.size] = doc;
    this.modes[this.size] = mode;
    this.indents[this.size] = indentation;
    this.size++;
  }
}

const printStack = new Stack();

/**
 * `doc` laid out in `width` columns, as prettier's printer would.
 *
 * @example
 * printDoc(group(['f(', indent([softline, 'x']), softline, ')']), 80); // 'f(x)'
 */
export function printDoc(doc: Doc, width: number): string {
  propagateBreaks(doc, new Set());
  const groupModes = new Map<symbol, Mode>();
  const stack = printStack;
  stack.size = 0;
  stack.push(doc, 'break', 0);
  const lines: string[] = [];
  let line = '';
  let position = 0;
  let remeasure = false;
  while (stack.size > 0) {
    const top = --stack.size;
    const current = stack.docs[top]!;
    const mode = stack.modes[top]!;
    const indentation = stack.indents[top]!;
    if (typeof current === 'string') {
      line += current;
      position += current.length;
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]!, mode, indentation);
      continue;
    }
    const node = current as Node;
    switch (node.kind) {
      case 'indent':
        stack.push(node.contents, mode, indentation + 2);
        break;
      case 'group': {
        let chosen: Doc = node.contents;
        let chosenMode: Mode = node.break ? 'break' : 'flat';
        if (mode === 'break' || remeasure) {
          remeasure = false;
          const remaining = width - position;
          if (!node.break && fits(node.contents, 'flat', stack, remaining, groupModes)) chosenMode = 'flat';
          else if (node.expandedStates === undefined) chosenMode = 'break';
          else {
            const states = node.expandedStates;
            chosen = states[states.length - 1]!;
            chosenMode = 'break';
            for (let i = 1; !node.break && i < states.length - 1; i++) {
              if (!fits(states[i]!, 'flat', stack, remaining, groupModes)) continue;
              chosen = states[i]!;
              chosenMode = 'flat';
              break;
            }
          }
        }
        stack.push(chosen, chosenMode, indentation);
        if (node.id !== undefined) groupModes.set(node.id, chosenMode);
        break;
      }
      case 'ifBreak':
      case 'indentIfBreak': {
        const groupMode = node.groupId !== undefined ? groupModes.get(node.groupId) : mode;
        if (node.kind === 'ifBreak') {
          const contents = groupMode === 'break' ? node.breakContents : groupMode === 'flat' ? node.flatContents : '';
          stack.push(contents, mode, indentation);
        } else if (groupMode !== undefined) {
          stack.push(node.contents, mode, groupMode === 'break' ? indentation + 2 : indentation);
        }
        break;
      }
      case 'line':
        if (mode === 'flat' && !node.hard) {
          if (!node.soft) {
            line += ' ';
            position += 1;
          }
          break;
        }
        if (mode === 'flat') remeasure = true;
        lines.push(line.trimEnd());
        line = ' '.repeat(indentation);
        position = indentation;
        break;
      case 'breakParent':
        break;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
