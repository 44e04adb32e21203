// Security headers (with a Content-Security-Policy the web client passes), the rate limiter, and
// input hygiene every route shares.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { badRequest } from '../lib/errors.js';
import { errorBody } from '../lib/errors.js';

/** Whether any string (or key) in a parsed body, query or params holds U+0000. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 32) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Same-origin API and assets; cross-origin isolation would only get in the way of calendar apps.
      crossOriginEmbedderPolicy: false,
    });
    // Limits are opt-in per route (config.rateLimit), e.g. sign-in.
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) =>
        errorBody(429, 'RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
    });
    // PostgreSQL text cannot hold NUL: refuse it up front (400) instead of failing in the database (500).
    app.addHook('preValidation', async (request) => {
      if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
        throw badRequest('NUL_CHARACTER', 'Text may not contain the NUL character (U+0000)');
      }
    });
  },
  { name: 'security' },
);
