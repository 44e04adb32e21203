import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema } from '../../lib/schemas.js';
import { errorBody } from '../../lib/errors.js';
import { readiness } from './health.service.js';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false });

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Status } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and every migration is applied',
        response: { 200: Status, 503: ErrorSchema },
      },
    },
    async (_request, reply) => {
      const state = await readiness(app.db);
      if (state === 'ready') return { status: 'ready' };
      const message = state === 'MIGRATIONS_PENDING' ? 'Database migrations are not all applied' : 'The database cannot be reached';
      return reply.status(503).send(errorBody(503, state, message));
    },
  );
};
export default healthRoutes;
