import { ORGANIZER_OR_OFFICIAL } from '../../lib/principal.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chooseLanguage } from '../../lib/i18n.js';
import { errors, IdParams } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import { ChangeRoleBody, Me, UpdateMeBody, User } from './users.schemas.js';
import * as service from './users.service.js';

const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['users'];

  // The web client asks this at start: a visitor gets 200 with `me: null` rather than a 401 (which a browser
  // logs as an error on every signed-out page load). Signed in, `me` is exactly what GET /api/me returns.
  app.get(
    '/api/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in, if anyone (for the web client at start)',
        response: { 200: Type.Object({ me: Type.Union([Me, Type.Null()]) }) },
      },
    },
    async (request) => ({ me: request.principal ? await service.getMe(app.db, request.principal) : null }),
  );

  app.get(
    '/api/me',
    { onRequest: requireUser, schema: { tags, summary: 'The signed-in user and organization', response: { 200: Me, ...errors(401) } } },
    async (request) => service.getMe(app.db, principalOf(request)),
  );

  app.patch(
    '/api/me',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Change my display name, language or time zone',
        body: UpdateMeBody,
        response: { 200: Me, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const me = principalOf(request);
      await service.updateMe(app.db, me, request.body);
      return service.getMe(app.db, me);
    },
  );

  app.get(
    '/api/users',
    {
      onRequest: requireRole(...ORGANIZER_OR_OFFICIAL),
      schema: { tags, summary: 'All accounts (organizers and officials)', response: { 200: Type.Array(User), ...errors(401, 403) } },
    },
    async (request) => service.listUsers(app.db, chooseLanguage({ acceptLanguage: request.headers['accept-language'], user: request.principal })),
  );

  app.patch(
    '/api/users/:id/role',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary: "Change a user's role and organization (organizers); their live connections must reconnect",
        params: IdParams,
        body: ChangeRoleBody,
        response: { 200: User, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => service.changeRole(app.db, principalOf(request), request.params.id, request.body),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        onRequest: requireRole('organizer'),
        schema: {
          tags,
          summary: active ? 'Reactivate a user (organizers)' : 'Deactivate a user: every session ends at once (organizers)',
          params: IdParams,
          response: { 200: User, ...errors(401, 403, 404) },
        },
      },
      async (request) => service.setActive(app.db, principalOf(request), request.params.id, active),
    );
  }
};
export default usersRoutes;
