// Input no route may receive, whatever its schema says, checked for every request:
// - text PostgreSQL cannot store: NUL (U+0000) does not fit in text columns, and a lone UTF-16
//   surrogate (half of a pair, e.g. "\ud800") is not Unicode at all: json/jsonb columns refuse it
//   and text columns would silently turn it into U+FFFD;
// - numbers that are not finite. JSON cannot spell them, but the validator coerces strings such as
//   "Infinity", "-Infinity" or "1e400" to numbers and then skips minimum/maximum for non-finite
//   values (ajv's strictNumbers only applies before coercion), so they would reach SQL.
import { badRequest, type AppError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not be stored, as the 400 to answer with, or null if it is fine. */
export function textProblem(s: string): AppError | null {
  if (s.includes('\u0000')) return badRequest('NUL_CHARACTER', 'Text may not contain the NUL character (U+0000)');
  if (LONE_SURROGATE.test(s)) return badRequest('UNPAIRED_SURROGATE', 'Text must be valid Unicode: it holds half of a UTF-16 surrogate pair');
  return null;
}

/** The first problem in any string (or key) of a parsed body, query or params. */
export function findTextProblem(value: unknown, depth = 0): AppError | null {
  if (typeof value === 'string') return textProblem(value);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const problem = textProblem(k) ?? findTextProblem(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** The path of the first non-finite number in validated input (e.g. "/limit"), or null. */
export function findNonFinite(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '/';
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = findNonFinite(v, `${path}/${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
