import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { migrationsApplied } from '../../db/migrate.js';
import { ErrorSchema } from '../../lib/schemas.js';
import { errorBody } from '../../plugins/errors.js';

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
      try {
        await app.db.execute(sql`select 1`);
        if (await migrationsApplied(app.db)) return { status: 'ready' };
        return reply.status(503).send(errorBody(503, 'MIGRATIONS_PENDING', 'Database migrations are not all applied'));
      } catch {
        return reply.status(503).send(errorBody(503, 'DATABASE_UNREACHABLE', 'The database cannot be reached'));
      }
    },
  );
};
export default healthRoutes;
