import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { chooseLanguage } from '../../lib/i18n.js';
import { CsvFile, errors, IdParams, Language, Nullable, Ok, Uuid } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import * as agenda from './agenda.service.js';
import * as calendar from './calendar.service.js';
import * as registrations from './registrations.service.js';
import * as service from './roundtables.service.js';
import * as s from './roundtables.schemas.js';
import { answerFromVisitorCache, sendToVisitor } from './roundtables.visitors.js';

const roundTablesRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['round-tables'];
  // Server-rendered texts (CSV, calendars): ?lang=, else Accept-Language, else the user's language (lib/i18n.ts).
  const LangQuery = Type.Object({ lang: Type.Optional(Language) }, { additionalProperties: false });
  const officials = requireRole('official');

  app.get(
    '/api/round-tables',
    {
      schema: {
        tags,
        summary: 'Round-tables the viewer may see (drafts: their staff only); `mine` = registered for or chaired',
        security: [],
        querystring: Type.Object(
          {
            mine: Type.Optional(Type.Boolean()),
            limit: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 200,
                description: "A page of this many (by start time); the next page's cursor comes in the `x-next-cursor` header",
              }),
            ),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(s.RoundTable), ...errors(400) },
      },
    },
    async (request, reply) => {
      const { mine, limit, cursor } = request.query;
      const page = await service.listRoundTables(app.db, request.principal, { mine: mine ?? false, limit, cursor });
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      return page.items;
    },
  );

  app.post(
    '/api/round-tables',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Create a draft round-table (officials, for their organization)',
        body: s.CreateBody,
        response: { 201: s.RoundTableDetail, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createRoundTable(app.db, principalOf(request), request.body)),
  );

  // Visitors all see the same bytes: cached per instance (roundtables.visitors.ts).
  app.get(
    '/api/round-tables/:id',
    {
      onRequest: answerFromVisitorCache(app.readCache, 'roundTable'),
      schema: { tags, summary: 'One round-table', security: [], params: IdParams, response: { 200: s.RoundTableDetail, ...errors(400, 404) } },
    },
    async (request, reply) => {
      const id = request.params.id;
      if (request.principal) return service.getRoundTable(app.db, request.principal, id);
      return sendToVisitor(app.readCache, request, reply, 'roundTable', id, () => service.getRoundTable(app.db, null, id));
    },
  );

  app.patch(
    '/api/round-tables/:id',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Edit every setting; on a published round-table a new time, zone, venue or link is a reschedule (history, SEQUENCE, registrants told)',
        params: IdParams,
        body: s.UpdateBody,
        response: { 200: s.RoundTable, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => service.updateRoundTable(app.db, principalOf(request), request.params.id, request.body),
  );

  const transition = (path: string, summary: string, run: (id: string, request: { principal: unknown }) => Promise<unknown>) =>
    app.post(
      `/api/round-tables/:id/${path}`,
      { onRequest: officials, schema: { tags, summary, params: IdParams, response: { 200: s.RoundTable, ...errors(400, 401, 403, 404, 409) } } },
      async (request) => run(request.params.id, request) as never,
    );
  transition('publish', 'Publish a draft: draft -> scheduled', (id, r) => service.publishRoundTable(app.db, r.principal as never, id));

  app.post(
    '/api/round-tables/:id/reschedule',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Move to new local times (history kept, registrants notified)',
        params: IdParams,
        body: s.RescheduleBody,
        response: { 200: s.RoundTable, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => service.rescheduleRoundTable(app.db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/round-tables/:id/cancel',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Cancel with a reason',
        params: IdParams,
        body: s.CancelBody,
        response: { 200: s.RoundTable, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.cancelRoundTable(app.db, principalOf(request), request.params.id, request.body.reason),
  );

  // Registration ------------------------------------------------------------------------------------
  app.post(
    '/api/round-tables/:id/registration',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Register (or join the waitlist when full)',
        params: IdParams,
        body: s.RegisterBody,
        response: { 201: s.Registration, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await registrations.register(app.db, principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/round-tables/:id/registration',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'Cancel my registration (the waitlist moves up)', params: IdParams, response: { 200: Ok, ...errors(401, 404) } },
    },
    async (request) => registrations.cancelMine(app.db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/round-tables/:id/registrations',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Registrants in arrival order (staff)',
        params: IdParams,
        response: { 200: Type.Array(s.Registrant), ...errors(401, 403, 404) },
      },
    },
    async (request) => registrations.listRegistrants(app.db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/round-tables/:id/registrations.csv',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Registrants as CSV (staff)',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: CsvFile, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const language = chooseLanguage({ query: request.query.lang, acceptLanguage: request.headers['accept-language'], user: request.principal });
      const csv = await registrations.registrantsCsv(app.db, principalOf(request), request.params.id, language);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="registrants-${request.params.id}.csv"`).send(csv);
    },
  );

  for (const [path, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/api/round-tables/:id/registrations/:registrationId/${path}`,
      {
        onRequest: officials,
        schema: {
          tags,
          summary: `${path} a pending registration (staff)`,
          params: s.RegistrationParams,
          response: { 200: s.Registration, ...errors(401, 403, 404, 409) },
        },
      },
      async (request) => registrations.decideRegistration(app.db, principalOf(request), request.params.id, request.params.registrationId, approve),
    );
  }

  // Agenda -------------------------------------------------------------------------------------------
  app.get(
    '/api/round-tables/:id/agenda/draft',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'The draft agenda with internal notes and fit (staff)',
        params: IdParams,
        response: { 200: s.DraftAgenda, ...errors(401, 403, 404) },
      },
    },
    async (request) => agenda.getDraft(app.db, principalOf(request), request.params.id),
  );

  app.put(
    '/api/round-tables/:id/agenda/draft',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Replace the draft agenda (send the version you loaded)',
        params: IdParams,
        body: s.AgendaBody,
        response: { 200: s.DraftAgenda, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => agenda.saveDraft(app.db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/round-tables/:id/agenda/releases',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Publish the draft as the next release',
        params: IdParams,
        body: s.PublishBody,
        response: { 201: s.Release, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await agenda.publishRelease(app.db, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/round-tables/:id/agenda',
    {
      onRequest: answerFromVisitorCache(app.readCache, 'agenda'),
      schema: {
        tags,
        summary: 'The latest published agenda (null before the first release)',
        security: [],
        params: IdParams,
        response: { 200: Nullable(s.Release), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      if (request.principal) return agenda.getPublishedAgenda(app.db, request.principal, id);
      return sendToVisitor(app.readCache, request, reply, 'agenda', id, () => agenda.getPublishedAgenda(app.db, null, id));
    },
  );

  app.get(
    '/api/issues/:id/round-table',
    {
      schema: {
        tags,
        summary: 'The round-table whose released agenda lists the issue (staff: also the draft); null when none the viewer may know',
        security: [],
        params: IdParams,
        response: { 200: Type.Object({ roundTableId: Nullable(Uuid) }, { additionalProperties: false }), ...errors(400, 404) },
      },
    },
    async (request) => agenda.placementOfIssue(app.db, request.principal, request.params.id),
  );

  app.get(
    '/api/round-tables/:id/agenda/releases',
    {
      schema: {
        tags,
        summary: 'Every release with its changelog, newest first',
        security: [],
        params: IdParams,
        response: { 200: Type.Array(s.ReleaseSummary), ...errors(400, 404) },
      },
    },
    async (request) => agenda.listReleases(app.db, request.principal, request.params.id),
  );

  // Calendars ----------------------------------------------------------------------------------------
  const ics = 'text/calendar; charset=utf-8';
  app.get(
    '/api/round-tables/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'iCalendar (RFC 5545) entry for one round-table',
        security: [],
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.String({ description: 'text/calendar' }), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const language = chooseLanguage({ query: request.query.lang, acceptLanguage: request.headers['accept-language'], user: request.principal });
      return reply
        .type(ics)
        .header('content-disposition', `attachment; filename="round-table-${request.params.id}.ics"`)
        .send(await calendar.roundTableCalendar(app.db, request.principal, request.params.id, config.publicUrl, language));
    },
  );

  app.post(
    '/api/me/calendar-feed',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Create (or replace) my secret calendar feed URL; the old one stops working',
        response: { 200: Type.Object({ url: Type.String() }, { additionalProperties: false }), ...errors(401) },
      },
    },
    async (request) => calendar.rotateFeed(app.db, principalOf(request), config.publicUrl),
  );

  app.delete(
    '/api/me/calendar-feed',
    { onRequest: requireUser, schema: { tags, summary: 'Revoke my calendar feed URL', response: { 200: Ok, ...errors(401, 404) } } },
    async (request) => {
      await calendar.revokeFeed(app.db, principalOf(request));
      return { ok: true };
    },
  );

  app.get(
    '/api/calendar/:file',
    {
      schema: {
        tags,
        summary: 'A personal calendar feed (the secret URL is the credential)',
        security: [],
        params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}\\.ics$' }) }, { additionalProperties: false }),
        querystring: LangQuery,
        response: { 200: Type.String({ description: 'text/calendar' }), ...errors(400, 404) },
      },
    },
    // A calendar app's Accept-Language says little: the feed is in its owner's language unless ?lang= says otherwise.
    async (request, reply) =>
      reply
        .type(ics)
        .header('cache-control', 'private, no-store')
        .send(await calendar.personalCalendar(app.db, request.params.file.slice(0, -4), config.publicUrl, request.query.lang)),
  );
};
export default roundTablesRoutes;
