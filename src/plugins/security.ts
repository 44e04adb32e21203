// Security headers (with a Content-Security-Policy the web client passes), the rate limiter, and
// input hygiene every route shares.
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import { badRequest } from '../lib/errors.js';
import { findNonFinite, findTextProblem } from '../lib/input.js';

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
    // Text PostgreSQL cannot hold (NUL, lone surrogates): refuse it up front (400) instead of failing in the database (500).
    // (Callback-style hooks: every request passes both, and a promise per hook is measurable on reads.)
    app.addHook('preValidation', (request, _reply, done) => {
      const problem = findTextProblem(request.params) ?? findTextProblem(request.query) ?? findTextProblem(request.body);
      done(problem ?? undefined);
    });
    // After validation (which coerces query strings and JSON strings to numbers): no ±Infinity gets through.
    app.addHook('preHandler', (request, _reply, done) => {
      for (const [part, value] of [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const) {
        const at = findNonFinite(value);
        if (at) {
          const issue = { instancePath: at, keyword: 'finite', message: 'must be a finite number' };
          done(badRequest('VALIDATION_FAILED', `Invalid ${part}: ${at} must be a finite number`, { issues: [issue] }));
          return;
        }
      }
      done();
    });
  },
  { name: 'security' },
);
