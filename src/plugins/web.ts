// Serves the built web client (web/dist) at /.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export default fp(
  async (app) => {
    if (!existsSync(WEB_DIST)) {
      app.log.warn(`web client not built (${WEB_DIST} missing): run npm run build:web`);
      return;
    }
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      index: 'index.html',
      wildcard: false,
      // Hashed bundles could be cached forever; index.html must always be fresh.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=300');
        if (path.endsWith('.html')) res.header('content-type', 'text/html; charset=utf-8');
      },
    });
  },
  { name: 'web' },
);
