// One error type for every expected failure: a stable machine `code` plus the HTTP status.
// The same codes are used in WebSocket error frames.
import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';
import { isDatabaseUnavailable } from './db-unavailable.js';
import { isErrorCode, type ErrorCode } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new AppError(400, code, message, details);
export const unauthorized = (message = 'Sign in to continue') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this', code: ErrorCode = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (code: ErrorCode, message: string) => new AppError(404, code, message);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new AppError(409, code, message, details);

/** A PostgreSQL unique-constraint violation (code 23505), raised directly or wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

// The public error body ------------------------------------------------------------------------

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export function errorBody(statusCode: number, code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

/** Map anything thrown to the public error body (also used for WebSocket error frames). */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return errorBody(err.statusCode, err.code, err.message, err.details);
  if (isDatabaseUnavailable(err)) return errorBody(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
  const e = err as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (e.validation) {
    return errorBody(400, 'VALIDATION_FAILED', `Invalid ${e.validationContext ?? 'request'}: ${e.message}`, {
      issues: e.validation,
    });
  }
  if (e.code === 'FST_ERR_HANDLER_TIMEOUT') return errorBody(503, 'REQUEST_TIMEOUT', 'The request took too long; try again shortly');
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status === 500) return errorBody(500, 'INTERNAL', 'Something went wrong on our side');
  // Fastify's own codes keep their name (FST_ERR_CTP_BODY_TOO_LARGE -> CTP_BODY_TOO_LARGE) when the catalog
  // lists them; any other becomes BAD_REQUEST, so the client only ever sees declared codes.
  const raw = e.code?.replace(/^FST_ERR_/, '') ?? '';
  const code = status === 429 ? 'RATE_LIMITED' : isErrorCode(raw) ? raw : 'BAD_REQUEST';
  return errorBody(status, code, e.message);
}
