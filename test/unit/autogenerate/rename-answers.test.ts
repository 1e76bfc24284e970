import { renameAnswers } from '../../../src/autogenerate/rename-answers.js';
import type { RenameCandidate } from '../../../src/diff/renames.js';

const toB: RenameCandidate = { kind: 'column', table: 't', from: 'a', to: 'b', score: 0.9 };
const toC: RenameCandidate = { kind: 'column', table: 't', from: 'a', to: 'c', score: 0.8 };
const table: RenameCandidate = { kind: 'table', from: 'users', to: 'people', score: 0.7 };

describe('renameAnswers', () => {
  test('an answer confirms a rename; the other pairs of the same column are settled too', async () => {
    const answers = renameAnswers({ renames: { 't.a': 'c' }, dropCreate: [] });
    expect(await answers.resolve([toB, toC])).toEqual([{ kind: 'column', table: 't', from: 'a', to: 'c' }]);
    expect(() => answers.checkAllUsed()).not.toThrow();
  });

  test('an unanswered candidate stops with ANSWER_REQUIRED, listing every candidate and its answers', async () => {
    const answers = renameAnswers({ renames: {}, dropCreate: [] });
    await expect(answers.resolve([table, toB])).rejects.toMatchObject({
      code: 'ANSWER_REQUIRED',
      message: expect.stringMatching(/--rename users=people.*--drop-create users.*--rename t\.a=b.*--drop-create t\.a/s),
      details: {
        renames: [
          { kind: 'table', subject: 'users', to: 'people', score: 0.7 },
          { kind: 'column', subject: 't.a', to: 'b', score: 0.9 },
        ],
      },
    });
  });

  test('dropCreate settles a candidate and confirms that drop', async () => {
    const answers = renameAnswers({ renames: {}, dropCreate: ['t.a'] });
    expect(await answers.resolve([toB, toC])).toEqual([]);
    expect([...answers.confirmedDrops()]).toEqual(['t.a']);
  });

  test('an answer naming no candidate is an error listing the candidates', async () => {
    const answers = renameAnswers({ renames: { 't.a': 'z' }, dropCreate: ['nope'] });
    await answers.resolve([toB]).catch(() => undefined);
    expect(() => answers.checkAllUsed()).toThrow(/--rename t\.a=z, --drop-create nope answer\(s\) no rename candidate.*column t\.a → b/);
  });

  test('a malformed rename is an error', () => {
    expect(() => renameAnswers({ renames: { 'a.b.c': '' }, dropCreate: [] })).toThrow(/not of the form old=new/);
  });

  test('a preview (dry run) warns instead of stopping', async () => {
    const answers = renameAnswers({ renames: {}, dropCreate: [], previewOnly: true });
    expect(await answers.resolve([toB])).toEqual([]);
    expect(answers.warnings()).toEqual([expect.stringContaining('--rename t.a=b')]);
  });
});
