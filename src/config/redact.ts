/**
 * Keeping passwords off the terminal: the passwords of a database URL in every form a user may
 * type them (in the user info, unencoded `/`, `?`, `@` and spaces included, or as `?password=`),
 * and every secret this process has seen, in each spelling a driver or a URL may give it.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A URL in running text: it ends at whitespace (a password with spaces is masked as a
 * registered secret), and punctuation that ends a sentence or a quotation is not part of it.
 */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/\S*?(?=[.,;:!?)\]}'"]*(?:\s|$))/gi;

/**
 * Query parameters that carry a password: pg reads `password`, mysql2 `password1` to
 * `password3` and `passwordSha1`; any name with `pass` or `pwd` in it is masked. A value runs
 * to the next `&name=` (an `&` in a password does not end it) or `#`.
 */
const SECRET_PARAMETER = /[?&]([^=&#?]*(?:pass|pwd)[^=&#?]*)=((?:[^&#]|&(?![^&#=]*=))*)/gi;

/** Every spelling of every secret seen, longest first when masking. */
const secrets = new Set<string>();

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The `@` that ends the user info of `rest` (the URL after `scheme://`): the last one before
 * the query string, or else the last one of all. Drivers split at the last `@` before the first
 * `/`, `?` or `#`; a password that holds one of those is still masked whole here.
 */
function separator(rest: string): number {
  const query = rest.indexOf('?', rest.lastIndexOf('/') + 1);
  const at = (query === -1 ? rest : rest.slice(0, query)).lastIndexOf('@');
  return at === -1 ? rest.lastIndexOf('@') : at;
}

/** Where the user-info password of a whole URL is: after the user's `:`, up to the separating `@`. */
function userinfoPassword(url: string): Span | undefined {
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme === undefined) return undefined;
  const rest = url.slice(scheme.length);
  const at = separator(rest);
  const colon = rest.indexOf(':');
  if (at === -1 || colon === -1 || colon > at) return undefined;
  return { start: scheme.length + colon + 1, end: scheme.length + at };
}

/** The values of secret query parameters. */
function parameterPasswords(url: string): Span[] {
  return [...url.matchAll(SECRET_PARAMETER)].map((match) => {
    const end = match.index + match[0].length;
    return { start: end - match[2]!.length, end };
  });
}

/** Every non-empty password span of a whole URL; they may overlap (`?password=` inside a password). */
function passwordSpans(url: string): Span[] {
  const userinfo = userinfoPassword(url);
  return [...(userinfo ? [userinfo] : []), ...parameterPasswords(url)].filter((span) => span.end > span.start);
}

/** Overlapping spans joined, in order. */
function merged(spans: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = result.at(-1);
    if (last !== undefined && span.start <= last.end) result[result.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else result.push(span);
  }
  return result;
}

function tryDecode(decode: (text: string) => unknown, text: string): string[] {
  try {
    const decoded = decode(text);
    return typeof decoded === 'string' ? [decoded] : [];
  } catch {
    return [];
  }
}

/**
 * The passwords of a database URL, as typed and as the drivers decode them (percent-decoded;
 * query values also with `+` as a space, and mysql2's JSON reading).
 *
 * @example
 * urlPasswords('postgres://app:p%40ss@db/app?password=x%2By'); // ['p%40ss', 'p@ss', 'x%2By', 'x+y']
 */
export function urlPasswords(url: string): string[] {
  const found = passwordSpans(url).flatMap((span) => {
    const raw = url.slice(span.start, span.end);
    const decoded = tryDecode(decodeURIComponent, raw);
    const parameter = url[span.start - 1] === '=' ? tryDecode((text) => new URLSearchParams(`v=${text}`).get('v'), raw) : [];
    return [raw, ...decoded, ...parameter, ...parameter.flatMap((value) => tryDecode(JSON.parse, value))];
  });
  return [...new Set(found)];
}

/** The spellings a secret may take in a message: as is, percent-encoded (either hex case), form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const inUserinfo = (text: string) => Object.assign(new URL('postgres://host'), { password: text }).password;
  const encoded = [encodeURIComponent, encodeURI, inUserinfo, (text: string) => new URLSearchParams({ v: text }).toString().slice(2)].flatMap(
    (encode) => tryDecode(encode, secret),
  );
  const forms = [secret, JSON.stringify(secret).slice(1, -1), ...encoded];
  return [...new Set(forms.flatMap((form) => [form, form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())]))];
}

/**
 * Remember a secret so that {@link redact} masks it, in each of its spellings, wherever it appears.
 *
 * @example
 * registerSecret(process.env.PGPASSWORD ?? '');
 */
export function registerSecret(secret: string): void {
  // Very short strings would mask ordinary words in every message.
  if (secret.length < 3) return;
  for (const form of spellings(secret)) secrets.add(form);
}

/**
 * A URL with each password (user info, secret query parameters) shown as `***`.
 *
 * @example
 * maskUrl('postgres://app:s3cret@localhost/app');        // 'postgres://app:***@localhost/app'
 * maskUrl('postgres://app:a/b@c@localhost/app');         // 'postgres://app:***@localhost/app'
 * maskUrl('mysql://app@localhost/app?password=s3cret');  // 'mysql://app@localhost/app?password=***'
 */
export function maskUrl(url: string): string {
  return merged(passwordSpans(url)).reduceRight((masked, span) => `${masked.slice(0, span.start)}***${masked.slice(span.end)}`, url);
}

/**
 * Mask the passwords of every URL in `text` (see {@link maskUrl}) and every registered secret.
 *
 * @example
 * redact('connect to postgres://app:s3cret@db/app failed'); // 'connect to postgres://app:***@db/app failed'
 */
export function redact(text: string): string {
  let masked = text;
  // Secrets first (longest first, so that one containing another is masked whole): a password
  // with spaces then no longer splits its URL in two.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join('***');
  return masked.replace(URL_IN_TEXT, maskUrl);
}
