import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { notFound } from '../../lib/errors.js';
import { Email, errors, IdParams, Instant, Nullable, Ok, Uuid } from '../../lib/schemas.js';
import { principalOf, requireUser } from '../../plugins/auth.js';
import { Me } from '../users/users.schemas.js';
import * as passwords from './auth.passwords.js';
import * as service from './auth.service.js';

const Credentials = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const Token = Type.Object({ token: Type.String(), expiresAt: Instant }, { additionalProperties: false });
const SessionInfo = Type.Object(
  { id: Uuid, createdAt: Instant, expiresAt: Instant, userAgent: Nullable(Type.String()), current: Type.Boolean() },
  { additionalProperties: false },
);

const authRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['auth'];
  // Per address and account: slows password guessing without locking people out of other accounts.
  const signInLimit = {
    max: config.signInRateLimit,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `${request.ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
    },
  };
  const signIn = (request: FastifyRequest, body: { email: string; password: string }) =>
    service.signIn(app.db, config, { ...body, userAgent: request.headers['user-agent'] ?? null });

  app.post(
    '/api/auth/sign-in',
    {
      config: { rateLimit: signInLimit },
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
      config: { rateLimit: signInLimit },
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

  const NewPassword = Type.String({ minLength: 10, maxLength: 200 });
  app.post(
    '/api/auth/password',
    {
      onRequest: requireUser,
      config: { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Change my password (the current one required); every other session ends',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: NewPassword }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => {
      await passwords.changePassword(app.db, principalOf(request), request.body);
      return { ok: true };
    },
  );

  // The same answer whether the address has an account or not; limited per address like sign-in.
  app.post(
    '/api/auth/password-reset',
    {
      config: { rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Ask for a password-reset link by e-mail (the same answer whether the address has an account)',
        security: [],
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Ok, ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await passwords.requestPasswordReset(app.db, config, request.body.email);
      return reply.status(202).send({ ok: true });
    },
  );

  app.post(
    '/api/auth/password-reset/:token',
    {
      config: { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Set a new password with a reset link (single use, expiring); every session of the account ends',
        security: [],
        params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }, { additionalProperties: false }),
        body: Type.Object({ password: NewPassword }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 429) },
      },
    },
    async (request) => {
      await passwords.resetPassword(app.db, request.params.token, request.body.password);
      return { ok: true };
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
