// One error shape for every failure: {statusCode, code, error, message, details?}.
// Expected failures carry a stable `code`; 5xx bodies never include internals. A database that
// cannot be reached is a retryable 503 (DATABASE_UNAVAILABLE), and so is a request arriving while
// the instance shuts down (SHUTTING_DOWN, replacing Fastify's bare return503OnClosing answer).
// Every 503 carries Retry-After.
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { Config } from '../config.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
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
  if (isDatabaseUnavailable(err)) return errorBody(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
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

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const retryAfter = String(config.database.retryAfterSeconds);
    app.addHook('onSend', async (_request, reply) => {
      if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', retryAfter);
    });
    // buildApp sets return503OnClosing: false; this answers instead, in the documented shape.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close');
      return reply.status(503).send(errorBody(503, 'SHUTTING_DOWN', 'This instance is shutting down; try again'));
    });
    app.setErrorHandler((err, request, reply) => {
      const body = toErrorBody(err);
      if (body.code === 'DATABASE_UNAVAILABLE') request.log.warn({ err }, 'database unavailable');
      else if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
      else request.log.debug({ code: body.code }, body.message);
      return reply.status(body.statusCode).send(body);
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(errorBody(404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)),
    );
  },
  { name: 'errors' },
);
