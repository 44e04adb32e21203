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

  const NewPassword = Type.String({ minLength: 10, maxLength: 200 });
  app.post(
    '/api/auth/password',
    {
      onRequest: requireUser,
      // Guessing the current password: as many tries as sign-in allows per account.
      preHandler: app.throttle('password-change:user', {
        max: config.signInRateLimit,
        windowSeconds: 60,
        subject: (request) => request.principal?.userId ?? null,
      }),
      schema: {
        tags,
        summary: 'Change my password (the current one required); every other session ends',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: NewPassword }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => {
      await passwords.changePassword(app.db, config, principalOf(request), request.body);
      return { ok: true };
    },
  );

  // The same answer whether the address has an account or not; limited per address like sign-in and
  // per account (THROTTLE_PASSWORD_RESET_PER_HOUR: nobody's mailbox is flooded with reset links).
  app.post(
    '/api/auth/password-reset',
    {
      preHandler: [
        app.throttle('password-reset:address', { max: config.signInAddressRateLimit, windowSeconds: 60, subject: (request) => request.ip }),
        app.throttle('password-reset:account', {
          max: config.throttles.passwordResetPerHour,
          windowSeconds: 3600,
          subject: (request) => (request.body as { email: string }).email.trim().toLowerCase(),
        }),
      ],
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
      preHandler: app.throttle('password-reset-token:address', { max: config.throttles.acceptPerMinute, windowSeconds: 60, subject: (request) => request.ip }),
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
      await passwords.resetPassword(app.db, config, request.params.token, request.body.password);
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
