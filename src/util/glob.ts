/**
 * Minimal glob matching for `tables.exclude`: `*` matches any run of characters, `?` one.
 */

/**
 * A predicate telling whether a name matches any of the patterns.
 *
 * @example
 * const excluded = globMatcher(['audit_*', 'legacy']);
 * excluded('audit_2024'); // true
 */
export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map((pattern) => {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${body}$`);
  });
  return (name) => regexes.some((regex) => regex.test(name));
}
