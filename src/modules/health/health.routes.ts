import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { ErrorSchema } from '../../lib/schemas.js';
import { errorBody } from '../../lib/errors.js';
import { readiness } from './health.service.js';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false });

const healthRoutes: FastifyPluginCallbackTypebox<{ config: Config }> = (app, { config }, done) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Status } } }, () => Promise.resolve({ status: 'ok' }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: `The database is reachable and every migration is applied (answers within ${config.database.readyTimeoutMs} ms)`,
        response: { 200: Status, 503: ErrorSchema },
      },
    },
    async (_request, reply) => {
      const state = await readiness(app.db, config.database.readyTimeoutMs);
      if (state === 'ready') return { status: 'ready' };
      const message = state === 'MIGRATIONS_PENDING' ? 'Database migrations are not all applied' : 'The database cannot be reached right now';
      return reply.status(503).send(errorBody(503, state, message));
    },
  );
  done();
};
export default healthRoutes;
