// One error shape for every failure: {statusCode, code, error, message, details?}.
// Expected failures carry a stable `code`; 5xx bodies never include internals.
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import { AppError } from '../lib/errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export function errorBody(statusCode: number, code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

/** Map anything thrown to the public error body (also used for WebSocket error frames). */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return errorBody(err.statusCode, err.code, err.message, err.details);
  const e = err as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (e.validation) {
    return errorBody(400, 'VALIDATION_FAILED', `Invalid ${e.validationContext ?? 'request'}: ${e.message}`, {
      issues: e.validation,
    });
  }
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status === 500) return errorBody(500, 'INTERNAL', 'Something went wrong on our side');
  const code = status === 429 ? 'RATE_LIMITED' : (e.code?.replace(/^FST_ERR_/, '') ?? 'BAD_REQUEST');
  return errorBody(status, code, e.message);
}

export default fp(
  async (app) => {
    app.setErrorHandler((err, request, reply) => {
      const body = toErrorBody(err);
      if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
      else request.log.debug({ code: body.code }, body.message);
      return reply.status(body.statusCode).send(body);
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(errorBody(404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)),
    );
  },
  { name: 'errors' },
);
