// Which failures mean "the database cannot be reached right now" (a retryable 503) rather than a bug:
// the driver's connection errors, socket errors, PostgreSQL's connection/shutdown SQLSTATEs and any
// FATAL error.
// Drizzle wraps driver errors, so the `cause` chain is walked.

const DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE class 08 (connection exception), 57P01-57P05 (admin/crash shutdown, cannot connect now, idle termination). */
const isUnavailableState = (code: string) => /^08...$/.test(code) || /^57P0[1-5]$/.test(code);

export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && (DRIVER_CODES.has(code) || isUnavailableState(code))) return true;
    // A FATAL server error ends the connection: refused at startup (database closed to connections,
    // too many clients, starting up) or terminated.
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
