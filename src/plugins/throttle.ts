// Throttles that hold across instances: counters in PostgreSQL (table throttle_hits), a window per key
// starting at its first hit, keys hashed (no e-mail or address is stored). A route adds `preHandler: app.throttle(name, rule)`;
// the key is built in preHandler, after the body is parsed and validated, so it can name an account.
// Over the limit: 429 RATE_LIMITED in the documented error shape, with Retry-After.
import { createHash } from 'node:crypto';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { countHit } from '../db/throttle.js';
import { AppError } from '../lib/errors.js';

export interface ThrottleRule {
  /** Hits allowed per window for one subject. */
  max: number;
  windowSeconds: number;
  /** The subject (an account, a user id, a client address); null: this request is not counted. */
  subject: (request: FastifyRequest) => string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** A preHandler counting the request against `rule` (shared by all instances through the database). */
    throttle(name: string, rule: ThrottleRule): preHandlerAsyncHookHandler;
  }
}

export const throttleKey = (name: string, subject: string) => createHash('sha256').update(`${name}\0${subject}`).digest('hex');

export default fp(
  (app, _opts, done) => {
    app.decorate('throttle', (name: string, rule: ThrottleRule): preHandlerAsyncHookHandler => {
      return async (request, reply) => {
        const subject = rule.subject(request);
        if (subject === null) return;
        const { hits, resetInSeconds: retryAfter } = await countHit(app.db, throttleKey(name, subject), rule.windowSeconds);
        if (hits <= rule.max) return;
        void reply.header('retry-after', String(retryAfter));
        throw new AppError(429, 'RATE_LIMITED', `Too many attempts; try again in ${retryAfter} s`, { throttle: name, retryAfterSeconds: retryAfter });
      };
    });
    done();
  },
  { name: 'throttle', dependencies: ['db'] },
);
