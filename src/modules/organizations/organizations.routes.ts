import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chooseLanguage } from '../../lib/i18n.js';
import { errors, IdParams, Nullable } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import { OrganizationSummary } from '../users/users.schemas.js';
import * as service from './organizations.service.js';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const OptionalName = Type.String({ maxLength: 200 });
const Kind = Type.Union([Type.Literal('company'), Type.Literal('government'), Type.Literal('organizer')]);
const Industry = Nullable(Type.String({ maxLength: 100 }));

const organizationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['organizations'];

  app.get(
    '/api/organizations',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'All organizations', response: { 200: Type.Array(OrganizationSummary), ...errors(401) } },
    },
    async (request) => service.listOrganizations(app.db, chooseLanguage({ acceptLanguage: request.headers['accept-language'], user: request.principal })),
  );

  app.get(
    '/api/organizations/:id',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'One organization', params: IdParams, response: { 200: OrganizationSummary, ...errors(401, 404) } },
    },
    async (request) => service.getOrganization(app.db, request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary: 'Create an organization (organizers)',
        body: Type.Object(
          { kind: Kind, nameEn: Name, nameJa: Type.Optional(OptionalName), nameZh: Type.Optional(OptionalName), industry: Type.Optional(Industry) },
          { additionalProperties: false },
        ),
        response: { 201: OrganizationSummary, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createOrganization(app.db, principalOf(request), request.body)),
  );

  app.patch(
    '/api/organizations/:id',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary: 'Rename an organization or change its industry (organizers)',
        params: IdParams,
        body: Type.Object(
          { nameEn: Type.Optional(Name), nameJa: Type.Optional(OptionalName), nameZh: Type.Optional(OptionalName), industry: Type.Optional(Industry) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: OrganizationSummary, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateOrganization(app.db, principalOf(request), request.params.id, request.body),
  );
};
export default organizationsRoutes;
