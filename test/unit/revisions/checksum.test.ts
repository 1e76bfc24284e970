import { createHash } from 'node:crypto';
import { revisionChecksum } from '../../../src/revisions/checksum.js';

describe('revisionChecksum', () => {
  test('is the sha256 of the text with LF line endings', () => {
    expect(revisionChecksum('a\nb\n')).toBe(createHash('sha256').update('a\nb\n').digest('hex'));
  });

  test('CRLF and CR count as LF; any other change counts', () => {
    const lf = revisionChecksum('export const revision = "x";\nupgrade();\n');
    expect(revisionChecksum('export const revision = "x";\r\nupgrade();\r\n')).toBe(lf);
    expect(revisionChecksum('export const revision = "x";\rupgrade();\r')).toBe(lf);
    expect(revisionChecksum('export const revision = "x";\nupgrade(); \n')).not.toBe(lf);
  });
});
