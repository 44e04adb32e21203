// One error shape for every failure: {statusCode, code, error, message, details?}.
// Expected failures carry a stable `code`; 5xx bodies never include internals. A database that
// cannot be reached is a retryable 503 (DATABASE_UNAVAILABLE), and so is a request arriving while
// the instance shuts down (SHUTTING_DOWN, replacing Fastify's bare return503OnClosing answer).
// Every 503 carries Retry-After. No request runs past `requestTimeoutMs`: it answers 503 REQUEST_TIMEOUT.
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { errorBody, toErrorBody } from '../lib/errors.js';

export default fp<{ config: Config }>(
  (app, { config }, done) => {
    const retryAfter = String(config.database.retryAfterSeconds);
    // The deadline is Fastify's handlerTimeout, set per route rather than for the server so WebSocket routes
    // go without (the upgrade hands the socket over; injectWS's stand-in request cannot carry the timer).
    // Cooperative: a handler still running finishes (its transaction commits or rolls back whole) and its
    // answer is dropped; the client got FST_ERR_HANDLER_TIMEOUT, mapped to REQUEST_TIMEOUT by toErrorBody.
    const deadline = config.requestTimeoutMs;
    if (deadline > 0) {
      app.addHook('onRoute', (route) => {
        if (!route.websocket) route.handlerTimeout ??= deadline;
      });
    }
    app.addHook('onSend', (_request, reply, payload, next) => {
      if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', retryAfter);
      next(null, payload);
    });
    // buildApp sets return503OnClosing: false; this answers instead, in the documented shape.
    let closing = false;
    app.addHook('preClose', (next) => {
      closing = true;
      next();
    });
    app.addHook('onRequest', (_request, reply, next) => {
      if (!closing) return next();
      reply.header('connection', 'close');
      void reply.status(503).send(errorBody(503, 'SHUTTING_DOWN', 'This instance is shutting down; try again'));
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
    done();
  },
  { name: 'errors' },
);
