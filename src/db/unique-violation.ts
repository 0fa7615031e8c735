/**
 * The unique-index violation (SQLSTATE 23505) inside an error from either driver — node-postgres
 * puts it on the error, drizzle and PGlite may wrap it in `cause` — with the text that names the
 * index (the constraint name where the driver gives it, else the message), or null.
 */
export function uniqueViolation(e: unknown): { index: string } | null {
  for (let x: unknown = e, i = 0; x && i < 4; x = (x as { cause?: unknown }).cause, i++) {
    const { code, constraint, message } = x as { code?: string; constraint?: string; message?: string };
    if (code === '23505') return { index: `${constraint ?? ''}${message ?? ''}` };
  }
  return null;
}
