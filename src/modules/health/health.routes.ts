import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { ErrorSchema } from '../../lib/schemas.js';
import { assertReady } from './health.service.js';

const Status = Type.Object({ status: Type.String() }, { additionalProperties: false });

const healthRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Status } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: `The database is reachable and every migration is applied (answers within ${config.database.readyTimeoutMs} ms)`,
        response: { 200: Status, 503: ErrorSchema },
      },
    },
    async () => {
      await assertReady(app.db, config.database.readyTimeoutMs);
      return { status: 'ready' };
    },
  );
};
export default healthRoutes;
