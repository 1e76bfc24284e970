/**
 * Transforming the newest revisions ahead (`transformNewest`): what `upgrade` starts before it
 * connects, so that the revisions it then loads are in the transform cache.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadRevisionModule, transformNewest } from '../../../src/runtime/load-revision.js';
import { needsTransform, prepareTransforms } from '../../../src/util/transform-user-module.js';
import { graphOf, versionsFolder, type RevisionSource } from '../../integration/runtime/project.js';

/** Revision `id` on `parent`, creating the table `t_<id>`. */
function step(id: string, parent?: string): RevisionSource {
  return { id, down: parent, up: `await db.schema.createTable('t_${id}').addColumn('id', 'integer').execute();`, down_: `await db.schema.dropTable('t_${id}').execute();` };
}

describe('transformNewest', () => {
  // A folder of its own for each test: its revisions are new to the transform cache.
  let folder: ReturnType<typeof versionsFolder> | undefined;
  afterEach(() => folder?.remove());

  /** A versions folder of `revisions`; their files by ID. */
  function writeRevisions(revisions: readonly RevisionSource[]): Record<string, string> {
    folder = versionsFolder(revisions);
    return Object.fromEntries(revisions.map(({ id }) => [id, join(folder!.dir, `${id}_file.ts`)]));
  }

  /** Revisions `ids` in a line, oldest first; their files by ID. */
  function writeLine(ids: readonly string[]): Record<string, string> {
    return writeRevisions(ids.map((id, index) => step(id, ids[index - 1])));
  }

  it('transforms the revisions from the head back to the first one already transformed, and no further', async () => {
    const files = writeLine(['a1', 'b2', 'c3', 'd4']);
    await prepareTransforms([files.b2!]);
    expect(['a1', 'b2', 'c3', 'd4'].map((id) => needsTransform(files[id]!))).toEqual([true, false, true, true]);
    await transformNewest(await graphOf(folder!.dir));
    // c3 and d4 are new; b2 was there, so a1 (older) is left for when it runs.
    expect(['a1', 'b2', 'c3', 'd4'].map((id) => needsTransform(files[id]!))).toEqual([true, false, false, false]);
    const module = await loadRevisionModule(files.d4!);
    expect(typeof module.upgrade).toBe('function');
  });

  it('follows every head of a branched graph, and a later preparation settles after it', async () => {
    const files = writeRevisions([step('a1'), step('b2', 'a1'), step('c3', 'a1')]);
    const order: string[] = [];
    const ahead = transformNewest(await graphOf(folder!.dir)).then(() => order.push('ahead'));
    // Even a preparation with nothing of its own to do settles only after the one under way.
    const later = prepareTransforms([]).then(() => order.push('later'));
    await Promise.all([ahead, later]);
    expect(order).toEqual(['ahead', 'later']);
    expect(['a1', 'b2', 'c3'].map((id) => needsTransform(files[id]!))).toEqual([false, false, false]);
  });

  it('starts nothing when the heads are transformed, and a file that cannot be read is left to its import', async () => {
    const files = writeLine(['a1', 'b2']);
    const graph = await graphOf(folder!.dir);
    await prepareTransforms([files.b2!]);
    await transformNewest(graph);
    expect(needsTransform(files.a1!)).toBe(true);
    rmSync(files.b2!);
    expect(needsTransform(files.b2!)).toBe(false);
  });
});
