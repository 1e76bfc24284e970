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

export const line: Doc = { kind: 'line' };
export const softline: Doc = { kind: 'line', soft: true };
export const breakParent: Doc = { kind: 'breakParent' };
export const hardline: Doc = [{ kind: 'line', hard: true }, breakParent];

/** A group: printed flat when it fits on the rest of the line, broken otherwise. */
export function group(contents: Doc, options: { shouldBreak?: boolean; id?: symbol } = {}): Group {
  return { kind: 'group', contents, break: options.shouldBreak ?? false, id: options.id };
}

/** prettier's `conditionalGroup`: the first state that fits flat, else the last one broken. */
export function conditionalGroup(states: readonly Doc[]): Group {
  return { kind: 'group', contents: states[0]!, break: false, expandedStates: states };
}

export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents };
}

export function ifBreak(breakContents: Doc, flatContents: Doc = '', groupId?: symbol): Doc {
  return { kind: 'ifBreak', breakContents, flatContents, groupId };
}

export function indentIfBreak(contents: Doc, groupId: symbol): Doc {
  return { kind: 'indentIfBreak', contents, groupId };
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((doc, index) => (index === 0 ? [doc] : [separator, doc]));
}

/** The children a traversal visits: every state of a conditional group, or only its first (`willBreak`). */
function children(doc: Doc, allStates = true): readonly Doc[] {
  if (typeof doc === 'string') return [];
  if (Array.isArray(doc)) return doc;
  const node = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (node.kind) {
    case 'group':
      return (allStates ? node.expandedStates : undefined) ?? [node.contents];
    case 'indent':
    case 'indentIfBreak':
      return [node.contents];
    case 'ifBreak':
      return [node.breakContents, node.flatContents];
    default:
      return [];
  }
}

/** Whether `doc` holds a broken group, a hard line or a break-parent (prettier's `willBreak`). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (!Array.isArray(doc)) {
    const node = doc as Exclude<Doc, string | readonly Doc[]>;
    if ((node.kind === 'group' && node.break) || (node.kind === 'line' && node.hard) || node.kind === 'breakParent') return true;
  }
  return children(doc, false).some(willBreak);
}

/** Mark every group that holds a hard break as broken; conditional groups stop the propagation. */
function propagateBreaks(doc: Doc, visited = new Set<Group>()): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) return doc.reduce<boolean>((found, child) => propagateBreaks(child, visited) || found, false);
  const node = doc as Exclude<Doc, string | readonly Doc[]>;
  if (node.kind === 'breakParent') return true;
  if (node.kind !== 'group') return children(node).reduce<boolean>((found, child) => propagateBreaks(child, visited) || found, false);
  if (!visited.has(node)) {
    visited.add(node);
    const inner = children(node).reduce<boolean>((found, child) => propagateBreaks(child, visited) || found, false);
    if (inner && node.expandedStates === undefined) node.break = true;
  }
  return node.break;
}

type Mode = 'break' | 'flat';
interface Command {
  readonly indentation: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/** Whether `next`, then the rest of the line (`rest`, in their modes), fits in `width` columns. */
function fits(next: Command, rest: readonly Command[], width: number, groupModes: Map<symbol, Mode>): boolean {
  let restIndex = rest.length;
  // A space counts only once text follows it.
  let pendingSpace = false;
  const commands: { mode: Mode; doc: Doc }[] = [next];
  while (width >= 0) {
    const command = commands.pop() ?? (restIndex > 0 ? rest[--restIndex] : undefined);
    if (command === undefined) return true;
    const { mode, doc } = command;
    if (typeof doc === 'string') {
      if (doc !== '' && pendingSpace) {
        width -= 1;
        pendingSpace = false;
      }
      width -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) commands.push({ mode, doc: doc[i]! });
      continue;
    }
    const node = doc as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case 'indent':
      case 'indentIfBreak':
        commands.push({ mode, doc: node.contents });
        break;
      case 'group': {
        const groupMode: Mode = node.break ? 'break' : mode;
        const contents = node.expandedStates !== undefined && groupMode === 'break' ? node.expandedStates.at(-1)! : node.contents;
        commands.push({ mode: groupMode, doc: contents });
        break;
      }
      case 'ifBreak': {
        const groupMode = node.groupId !== undefined ? (groupModes.get(node.groupId) ?? 'flat') : mode;
        commands.push({ mode, doc: groupMode === 'break' ? node.breakContents : node.flatContents });
        break;
      }
      case 'line':
        if (mode === 'break' || node.hard) return true;
        if (!node.soft) pendingSpace = true;
        break;
      case 'breakParent':
        break;
    }
  }
  return false;
}

/**
 * `doc` laid out in `width` columns, as prettier's printer would.
 *
 * @example
 * printDoc(group(['f(', indent([softline, 'x']), softline, ')']), 80); // 'f(x)'
 */
export function printDoc(doc: Doc, width: number): string {
  propagateBreaks(doc);
  const groupModes = new Map<symbol, Mode>();
  const commands: Command[] = [{ indentation: 0, mode: 'break', doc }];
  let out = '';
  let position = 0;
  let remeasure = false;
  while (commands.length > 0) {
    const { indentation, mode, doc: current } = commands.pop()!;
    if (typeof current === 'string') {
      out += current;
      position += current.length;
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) commands.push({ indentation, mode, doc: current[i]! });
      continue;
    }
    const node = current as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case 'indent':
        commands.push({ indentation: indentation + 2, mode, doc: node.contents });
        break;
      case 'group': {
        let chosen: Command;
        if (mode === 'flat' && !remeasure) {
          chosen = { indentation, mode: node.break ? 'break' : 'flat', doc: node.contents };
        } else {
          remeasure = false;
          const flat: Command = { indentation, mode: 'flat', doc: node.contents };
          const remaining = width - position;
          if (!node.break && fits(flat, commands, remaining, groupModes)) chosen = flat;
          else if (node.expandedStates === undefined) chosen = { indentation, mode: 'break', doc: node.contents };
          else {
            const states = node.expandedStates;
            const fitting = node.break
              ? undefined
              : states.slice(1, -1).find((state) => fits({ indentation, mode: 'flat', doc: state }, commands, remaining, groupModes));
            chosen = fitting !== undefined ? { indentation, mode: 'flat', doc: fitting } : { indentation, mode: 'break', doc: states.at(-1)! };
          }
        }
        commands.push(chosen);
        if (node.id !== undefined) groupModes.set(node.id, chosen.mode);
        break;
      }
      case 'ifBreak':
      case 'indentIfBreak': {
        const groupMode = node.groupId !== undefined ? groupModes.get(node.groupId) : mode;
        if (node.kind === 'ifBreak') {
          const contents = groupMode === 'break' ? node.breakContents : groupMode === 'flat' ? node.flatContents : '';
          commands.push({ indentation, mode, doc: contents });
        } else if (groupMode !== undefined) {
          commands.push({ indentation: groupMode === 'break' ? indentation + 2 : indentation, mode, doc: node.contents });
        }
        break;
      }
      case 'line':
        if (mode === 'flat' && !node.hard) {
          if (!node.soft) {
            out += ' ';
            position += 1;
          }
          break;
        }
        if (mode === 'flat') remeasure = true;
        out = `${out.replace(/[ \t]+$/, '')}\n${' '.repeat(indentation)}`;
        position = indentation;
        break;
      case 'breakParent':
        break;
    }
  }
  return out;
}
