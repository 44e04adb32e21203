import { ORGANIZER_OR_OFFICIAL } from '../../lib/principal.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { Email, errors, IdParams, Instant, Language, Nullable, Ok, Role, TimeZone, Uuid } from '../../lib/schemas.js';
import { principalOf, requireRole } from '../../plugins/auth.js';
import { DisplayName, Me } from '../users/users.schemas.js';
import * as service from './invitations.service.js';

const Invitation = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    role: Role,
    language: Language,
    organizationId: Nullable(Uuid),
    invitedBy: Uuid,
    createdAt: Instant,
    expiresAt: Instant,
    acceptedAt: Nullable(Instant),
    revokedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }, { additionalProperties: false });
const Names = Type.Object({ nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() }, { additionalProperties: false });

const invitationsRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['invitations'];
  const inviters = requireRole(...ORGANIZER_OR_OFFICIAL);

  app.post(
    '/api/invitations',
    {
      onRequest: inviters,
      preHandler: app.throttle('invitations:user', {
        max: config.throttles.invitationsPerHour,
        windowSeconds: 3600,
        subject: (request) => request.principal?.userId ?? null,
      }),
      schema: {
        tags,
        summary:
          'Invite someone by e-mail to an organization and role (replacing an open invitation to that address); the e-mail is queued and the single-use link returned',
        body: Type.Object({ email: Email, role: Role, organizationId: Nullable(Uuid), language: Type.Optional(Language) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ ...Invitation.properties, link: Type.String(), replaced: Type.Integer() }, { additionalProperties: false }),
          ...errors(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const invitation = await service.invite(app.db, config, principalOf(request), request.body);
      request.log.info({ invitationId: invitation.id, email: invitation.email }, 'invitation created');
      return reply.status(201).send(invitation);
    },
  );

  app.get(
    '/api/invitations',
    {
      onRequest: inviters,
      schema: { tags, summary: 'Invitations (organizers: all; officials: their own)', response: { 200: Type.Array(Invitation), ...errors(401, 403) } },
    },
    async (request) => service.listInvitations(app.db, principalOf(request)),
  );

  app.post(
    '/api/invitations/:id/resend',
    {
      onRequest: inviters,
      schema: {
        tags,
        summary: 'Send an open invitation again: a fresh link and expiry (the old link stops working)',
        params: IdParams,
        response: { 200: Type.Object({ ...Invitation.properties, link: Type.String() }, { additionalProperties: false }), ...errors(401, 403, 404) },
      },
    },
    async (request) => service.resend(app.db, config, principalOf(request), request.params.id),
  );

  app.delete(
    '/api/invitations/:id',
    {
      onRequest: inviters,
      schema: { tags, summary: 'Revoke an open invitation', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
    },
    async (request) => {
      await service.revoke(app.db, principalOf(request), request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/invitations/by-token/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers (no sign-in needed)',
        security: [],
        params: TokenParams,
        response: {
          200: Type.Object({ email: Type.String(), role: Role, expiresAt: Instant, organization: Nullable(Names) }, { additionalProperties: false }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => service.preview(app.db, request.params.token),
  );

  app.post(
    '/api/invitations/by-token/:token/accept',
    {
      preHandler: app.throttle('invitation-accept:address', { max: config.throttles.acceptPerMinute, windowSeconds: 60, subject: (request) => request.ip }),
      schema: {
        tags,
        summary: 'Accept an invitation: choose a password, get an account and a session',
        security: [],
        params: TokenParams,
        body: Type.Object(
          { displayName: DisplayName, password: Type.String({ minLength: 10, maxLength: 200 }), language: Language, timeZone: TimeZone },
          { additionalProperties: false },
        ),
        response: { 200: Me, ...errors(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const session = await service.accept(app.db, config, request.params.token, request.body, request.headers['user-agent'] ?? null);
      reply.setSessionCookie(session);
      return service.newMemberView(app.db, session.principal);
    },
  );
};
export default invitationsRoutes;
