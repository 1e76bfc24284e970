/**
 * The checksum of a revision file, recorded when it is applied so that a later edit is noticed
 * (tamper detection). Line endings are normalised first: a checkout that turns LF into CRLF is
 * not an edit.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * sha256 (hex) of a revision file's text with CRLF and CR normalised to LF.
 *
 * @example
 * revisionChecksum('a\r\nb') === revisionChecksum('a\nb'); // true
 */
export function revisionChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}

/**
 * The checksum of the revision file at `path`.
 *
 * @example
 * await fileChecksum('migrations/versions/9c1e4b7a2f3d_add_profile.ts'); // '5e8f…' (64 hex digits)
 */
export async function fileChecksum(path: string): Promise<string> {
  return revisionChecksum(await readFile(path, 'utf8'));
}
