// Security headers (with a Content-Security-Policy the web client passes) and the rate limiter.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { errorBody } from './errors.js';

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
  },
  { name: 'security' },
);
