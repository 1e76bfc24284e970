/**
 * Database URLs: which dialect a URL names, and how to show it without its password.
 */

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

export type DatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string; readonly display: string }
  | { readonly dialect: 'postgres' | 'mysql'; readonly connectionString: string; readonly display: string };
