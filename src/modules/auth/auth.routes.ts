import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { notFound } from '../../lib/errors.js';
import { Email, errors, IdParams, Instant, Nullable, Ok, Uuid } from '../../lib/schemas.js';
import { principalOf, requireUser } from '../../plugins/auth.js';
import { Me } from '../users/users.schemas.js';
import * as service from './auth.service.js';

const Credentials = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const Token = Type.Object({ token: Type.String(), expiresAt: Instant }, { additionalProperties: false });
const SessionInfo = Type.Object(
  { id: Uuid, createdAt: Instant, expiresAt: Instant, userAgent: Nullable(Type.String()), current: Type.Boolean() },
  { additionalProperties: false },
);

const authRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['auth'];
  // Two throttles, both counted after the body is parsed (preHandler) and shared by every instance: per
  // account whatever the address (guessing one password from many addresses), and per address whatever
  // the account (one address trying many accounts). An address is the one our own proxies saw (TRUST_PROXY).
  const signInLimit = [
    app.throttle('sign-in:address', { max: config.signInAddressRateLimit, windowSeconds: 60, subject: (request) => request.ip }),
    app.throttle('sign-in:account', {
      max: config.signInRateLimit,
      windowSeconds: 60,
      subject: (request) => (request.body as { email: string }).email.trim().toLowerCase(),
    }),
  ];
  const signIn = (request: FastifyRequest, body: { email: string; password: string }) =>
    service.signIn(app.db, config, { ...body, userAgent: request.headers['user-agent'] ?? null });

  app.post(
    '/api/auth/sign-in',
    {
      preHandler: signInLimit,
      schema: {
        tags,
        summary: 'Sign in (browser): sets the HttpOnly session cookie',
        security: [],
        body: Credentials,
        response: { 200: Me, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const session = await signIn(request, request.body);
      reply.setSessionCookie(session);
      return service.meOf(app.db, session.principal);
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      preHandler: signInLimit,
      schema: {
        tags,
        summary: 'Sign in (API client): returns a bearer token',
        security: [],
        body: Credentials,
        response: { 201: Token, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const session = await signIn(request, request.body);
      return reply.status(201).send({ token: session.token, expiresAt: session.expiresAt });
    },
  );

  app.post(
    '/api/auth/sign-out',
    { onRequest: requireUser, schema: { tags, summary: 'End the current session', response: { 200: Ok, ...errors(401, 403) } } },
    async (request, reply) => {
      await service.endSession(app.db, principalOf(request));
      reply.clearSessionCookie();
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'My active sessions', response: { 200: Type.Array(SessionInfo), ...errors(401) } },
    },
    async (request) => {
      return service.listSessions(app.db, principalOf(request));
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'Revoke one of my sessions', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      const me = principalOf(request);
      if (!(await service.endSession(app.db, me, request.params.id))) throw notFound('SESSION_NOT_FOUND', 'No such active session');
      if (request.params.id === me.sessionId) reply.clearSessionCookie();
      return { ok: true };
    },
  );
};
export default authRoutes;
