/**
 * Compile-time assertions for the type tests: `Expect<Equal<A, B>>` fails to compile unless
 * A and B are the same type (mutual assignability is too weak: `any` would pass).
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export type Expect<T extends true> = T;

/** One object type for an intersection of them (Kysely's `Insertable` is one), so `Equal` compares their members. */
export type Flat<T> = { [K in keyof T]: T[K] };
