// One error shape for every failure: {statusCode, code, error, message, details?}.
// Expected failures carry a stable `code`; 5xx bodies never include internals.
import fp from 'fastify-plugin';
import { errorBody, toErrorBody } from '../lib/errors.js';

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
