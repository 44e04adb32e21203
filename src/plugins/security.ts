// Security headers (with a Content-Security-Policy the web client passes), and input hygiene every
// route shares.
import fp from 'fastify-plugin';
import { createRequire } from 'node:module';
import { badRequest } from '../lib/errors.js';
import { findNonFinite, findTextProblem } from '../lib/input.js';

/** Helmet's options for this app (its defaults, plus the policy below). */
const HELMET_OPTIONS = {
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
};

type HelmetMiddleware = (
  req: object,
  res: { setHeader(name: string, value: string): void; removeHeader(name: string): void },
  next: (err?: unknown) => void,
) => void;

/**
 * The headers helmet sets with these options, computed once. They depend on the options only (no
 * nonce, no per-request directive), so every response gets the same set; @fastify/helmet would
 * rebuild helmet (parsing the whole policy) on every request, which was a fifth of a cached read's
 * CPU. Helmet is @fastify/helmet's own dependency, loaded from there.
 */
export function securityHeaders(): Record<string, string> {
  const fromFastifyHelmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
  const helmet = fromFastifyHelmet('helmet') as (options: object) => HelmetMiddleware;
  const headers: Record<string, string> = {};
  let failure: unknown;
  helmet(HELMET_OPTIONS)(
    {},
    {
      setHeader: (name, value) => void (headers[name.toLowerCase()] = String(value)),
      removeHeader: (name) => void delete headers[name.toLowerCase()],
    },
    (err) => void (failure = err),
  );
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused the security header options');
  return Object.freeze(headers);
}

export default fp(
  async (app) => {
    const headers = securityHeaders();
    const names = Object.keys(headers);
    // Every response, before anything else can answer (a route may still replace one, e.g. /docs's CSP).
    app.addHook('onRequest', (_request, reply, done) => {
      for (const name of names) reply.header(name, headers[name]);
      done();
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
