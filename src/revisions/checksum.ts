/**
 * The checksum of a revision file, recorded when it is applied so that a later edit is noticed
 * (tamper detection). Line endings are normalised first: a checkout that turns LF into CRLF is
 * not an edit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
 * The checksum of the revision file at `path`. Read synchronously: a run reads every file it
 * applies, and a hundred small reads through the thread pool take several times as long.
 *
 * @example
 * fileChecksum('migrations/versions/9c1e4b7a2f3d_add_profile.ts'); // '5e8f…' (64 hex digits)
 */
export function fileChecksum(path: string): string {
  return revisionChecksum(readFileSync(path, 'utf8'));
}
