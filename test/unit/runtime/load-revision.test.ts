/**
 * Transforming the newest revisions ahead (`transformNewest`): what `upgrade` starts before it
 * connects, so that the revisions it then loads are in the transform cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../../../src/revisions/graph.js';
import { scanVersions } from '../../../src/revisions/scan.js';
import { loadRevisionModule, transformNewest } from '../../../src/runtime/load-revision.js';
import { needsTransform, prepareTransforms } from '../../../src/util/transform-user-module.js';

/** A revision file: `id` on `parent`, creating the table `t_<id>`. */
function revisionSource(id: string, parent: string | null): string {
  return `/**
 * step ${id}
 *
 * Revision ID: ${id}
 * Revises: ${parent ?? ''}
 */
import type { Kysely } from 'schemigrate';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${parent === null ? 'null' : `'${parent}'`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('t_${id}').addColumn('id', 'integer').execute();
}

export async function downgrade(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('t_${id}').execute();
}
`;
}

describe('transformNewest', () => {
  let dir: string;
  beforeEach(() => {
    // A folder of its own: its revisions are new to the transform cache.
    dir = mkdtempSync(join(tmpdir(), 'sg-newest-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Revisions `ids` in a line, oldest first; their files by ID. */
  function writeLine(ids: readonly string[]): Record<string, string> {
    const files: Record<string, string> = {};
    ids.forEach((id, index) => {
      files[id] = join(dir, `${id}_step.ts`);
      writeFileSync(files[id]!, revisionSource(id, index === 0 ? null : ids[index - 1]!));
    });
    return files;
  }

  it('transforms the revisions from the head back to the first one already transformed, and no further', async () => {
    const files = writeLine(['a1', 'b2', 'c3', 'd4']);
    await prepareTransforms([files.b2!]);
    expect(['a1', 'b2', 'c3', 'd4'].map((id) => needsTransform(files[id]!))).toEqual([true, false, true, true]);
    await transformNewest(buildGraph(await scanVersions(dir)));
    // c3 and d4 are new; b2 was there, so a1 (older) is left for when it runs.
    expect(['a1', 'b2', 'c3', 'd4'].map((id) => needsTransform(files[id]!))).toEqual([true, false, false, false]);
    const module = await loadRevisionModule(files.d4!);
    expect(typeof module.upgrade).toBe('function');
  });

  it('follows every head of a branched graph, and a later preparation settles after it', async () => {
    const files = writeLine(['a1', 'b2']);
    files.c3 = join(dir, 'c3_other.ts');
    writeFileSync(files.c3, revisionSource('c3', 'a1'));
    const order: string[] = [];
    const ahead = transformNewest(buildGraph(await scanVersions(dir))).then(() => order.push('ahead'));
    // Even a preparation with nothing of its own to do settles only after the one under way.
    const later = prepareTransforms([]).then(() => order.push('later'));
    await Promise.all([ahead, later]);
    expect(order).toEqual(['ahead', 'later']);
    expect(['a1', 'b2', 'c3'].map((id) => needsTransform(files[id]!))).toEqual([false, false, false]);
  });

  it('starts nothing when the heads are transformed, and a file that cannot be read is left to its import', async () => {
    const files = writeLine(['a1', 'b2']);
    const graph = buildGraph(await scanVersions(dir));
    await prepareTransforms([files.b2!]);
    await transformNewest(graph);
    expect(needsTransform(files.a1!)).toBe(true);
    rmSync(files.b2!);
    expect(needsTransform(files.b2!)).toBe(false);
  });
});
