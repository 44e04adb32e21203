// Who is asking, for every request: a session token from the HttpOnly cookie (browsers) or
// `Authorization: Bearer` (API clients). Cookie-authenticated writes must come from an allowed Origin.
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { forbidden, unauthorized } from '../lib/errors.js';
import type { Principal, Role } from '../lib/principal.js';
import { authenticate, type IssuedSession } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'rt_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** How the principal authenticated; only cookies need the cross-site check. */
    credential: 'cookie' | 'bearer' | null;
  }
  interface FastifyReply {
    setSessionCookie(session: IssuedSession): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

/** The request's Origin (or Referer's origin), if any. */
function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(config: Config, origin: string | null): boolean {
  return origin !== null && config.webOrigins.includes(origin);
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice(7).trim() || null;
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);
    app.decorateRequest('credential', null);

    app.decorateReply('setSessionCookie', function (this: FastifyReply, session: IssuedSession) {
      return this.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        expires: session.expiresAt,
      });
    });
    app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
    });

    // Callback-style: a visitor's request (no token) passes without a promise or a database query.
    app.addHook('onRequest', (request, _reply, done) => {
      const bearer = bearerToken(request);
      const fromCookie = bearer ? undefined : request.cookies[SESSION_COOKIE];
      // Cross-site request forgery: browsers attach cookies to cross-site requests, so a write that
      // is not bearer-authenticated must not come from a foreign origin, and a cookie-authenticated
      // one must name its origin. (This also stops login CSRF on the sign-in form.)
      if (!bearer && !SAFE_METHODS.has(request.method)) {
        const origin = requestOrigin(request);
        if ((origin !== null || fromCookie) && !isAllowedOrigin(config, origin)) {
          done(forbidden('This request did not come from an allowed origin', 'CROSS_SITE_REQUEST'));
          return;
        }
      }
      const token = bearer ?? fromCookie;
      if (!token) {
        done();
        return;
      }
      authenticate(app.db, token).then(
        (principal) => {
          request.principal = principal;
          if (principal) request.credential = bearer ? 'bearer' : 'cookie';
          done();
        },
        (err: Error) => done(err),
      );
    });
  },
  { name: 'auth', dependencies: ['db'] },
);

/** onRequest: the request must be signed in. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.principal) throw unauthorized();
}

/** onRequest hook factory: the request must be signed in with one of these roles. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.principal) throw unauthorized();
    if (!roles.includes(request.principal.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`);
  };
}

/** The signed-in principal, for handlers behind requireUser/requireRole. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
