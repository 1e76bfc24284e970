import prompts from 'prompts';
import { renameAnswers } from '../../../src/commands/rename-answers.js';
import type { RenameCandidate } from '../../../src/diff/renames.js';

const toB: RenameCandidate = { kind: 'column', table: 't', from: 'a', to: 'b', score: 0.9 };
const toC: RenameCandidate = { kind: 'column', table: 't', from: 'a', to: 'c', score: 0.8 };
const table: RenameCandidate = { kind: 'table', from: 'users', to: 'people', score: 0.7 };

describe('renameAnswers', () => {
  test('flags confirm a rename; the other pairs of the same column are not asked about', async () => {
    const answers = renameAnswers({ rename: ['t.a=c'], dropCreate: [], interactive: false });
    expect(await answers.resolve([toB, toC])).toEqual([{ kind: 'column', table: 't', from: 'a', to: 'c' }]);
    expect(() => answers.checkAllUsed()).not.toThrow();
  });

  test('without a terminal, an unanswered candidate stops with the flags for every candidate', async () => {
    const answers = renameAnswers({ rename: [], dropCreate: [], interactive: false });
    await expect(answers.resolve([table, toB])).rejects.toMatchObject({
      message: expect.stringMatching(/--rename users=people.*--drop-create users.*--rename t\.a=b.*--drop-create t\.a/s),
    });
  });

  test('--drop-create settles a candidate and confirms that drop', async () => {
    const answers = renameAnswers({ rename: [], dropCreate: ['t.a'], interactive: false });
    expect(await answers.resolve([toB, toC])).toEqual([]);
    expect([...answers.confirmedDrops()]).toEqual(['t.a']);
  });

  test('an answer naming no candidate is an error listing the candidates', async () => {
    const answers = renameAnswers({ rename: ['t.a=z'], dropCreate: ['nope'], interactive: false });
    await answers.resolve([toB]);
    expect(() => answers.checkAllUsed()).toThrow(/--rename t\.a=z, --drop-create nope answer\(s\) no rename candidate.*column t\.a → b/);
  });

  test('a malformed --rename is an error', () => {
    expect(() => renameAnswers({ rename: ['a.b.c'], dropCreate: [], interactive: false })).toThrow(/not of the form old=new/);
  });

  test('a preview (dry run) warns instead of stopping', async () => {
    const answers = renameAnswers({ rename: [], dropCreate: [], interactive: false, previewOnly: true });
    expect(await answers.resolve([toB])).toEqual([]);
    expect(answers.warnings()).toEqual([expect.stringContaining('--rename t.a=b')]);
  });

  test('on a terminal: declining a → b still asks about a → c; a drop is confirmed only when every pair is declined', async () => {
    prompts.inject(['drop', 'rename']);
    const answers = renameAnswers({ rename: [], dropCreate: [], interactive: true });
    expect(await answers.resolve([toB, toC])).toEqual([{ kind: 'column', table: 't', from: 'a', to: 'c' }]);
    expect(answers.confirmedDrops().size).toBe(0);

    prompts.inject(['drop', 'drop']);
    const declined = renameAnswers({ rename: [], dropCreate: [], interactive: true });
    expect(await declined.resolve([toB, toC])).toEqual([]);
    expect([...declined.confirmedDrops()]).toEqual(['t.a']);
  });
});
