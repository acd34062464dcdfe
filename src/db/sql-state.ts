/** PostgreSQL error codes (SQLSTATE) the code reacts to, by name. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
} as const;

/** The SQLSTATE of a database error from pg or PGlite, whether or not the query builder wrapped it. */
export function sqlState(err: unknown): string | undefined {
  // Drizzle wraps driver errors; the SQLSTATE sits on the original.
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
