// Outcomes routes: minutes, decisions, action items, the per-issue chain, the board, open data.
// Thin: each calls one service function. The contract is outcomes.schemas.ts and API.md.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Principal } from '../../lib/principal.js';
import { readerLanguage } from '../../lib/reader-language.js';
import { errors, IdParams } from '../../lib/schemas.js';
import { principalOf, requireUser } from '../../plugins/auth.js';
import * as actions from './actions.service.js';
import * as board from './board.service.js';
import * as chain from './chain.service.js';
import * as decisions from './decisions.service.js';
import * as minutes from './minutes.service.js';
import * as openData from './open-data.service.js';
import * as s from './outcomes.schemas.js';

const outcomesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['outcomes'];
  const signedIn = requireUser;
  const m = '/api/round-tables/:id/slots/:slotId/minutes';
  // Texts come with their translation into the reader's language: Accept-Language, else the account's.
  const reader = (r: { headers: { 'accept-language'?: string | string[] | undefined }; principal: Principal | null }) =>
    readerLanguage(r.headers['accept-language'], r.principal);

  // Minutes --------------------------------------------------------------------------------------
  app.get(
    m,
    {
      schema: {
        tags,
        summary: 'Minutes of an agenda slot (staff; commenters once circulated; viewers once final)',
        security: [],
        params: s.SlotParams,
        response: { 200: s.Minutes, ...errors(400, 404) },
      },
    },
    async (r) => minutes.getMinutes(app.db, r.principal, r.params.id, r.params.slotId, reader(r)),
  );
  app.put(
    m,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Save a new version (staff). A stale baseVersion is 409 MINUTES_VERSION_CONFLICT',
        params: s.SlotParams,
        body: s.SaveMinutesBody,
        response: { 200: s.Minutes, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => minutes.saveMinutes(app.db, principalOf(r), r.params.id, r.params.slotId, r.body),
  );
  app.get(
    `${m}/versions`,
    {
      schema: {
        tags,
        summary: 'Saved versions, newest first',
        security: [],
        params: s.SlotParams,
        response: { 200: Type.Array(s.MinutesVersion), ...errors(400, 404) },
      },
    },
    async (r) => minutes.listVersions(app.db, r.principal, r.params.id, r.params.slotId),
  );
  app.get(
    `${m}/versions/:n`,
    { schema: { tags, summary: 'One saved version', security: [], params: s.VersionParams, response: { 200: s.MinutesVersionDetail, ...errors(400, 404) } } },
    async (r) => minutes.getVersion(app.db, r.principal, r.params.id, r.params.slotId, r.params.n),
  );
  app.get(
    `${m}/diff`,
    {
      schema: {
        tags,
        summary: 'Word diff between two versions',
        security: [],
        params: s.SlotParams,
        querystring: s.DiffQuery,
        response: { 200: s.MinutesDiff, ...errors(400, 404) },
      },
    },
    async (r) => minutes.diffVersions(app.db, r.principal, r.params.id, r.params.slotId, r.query.from, r.query.to),
  );
  app.post(
    `${m}/circulate`,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Circulate for comments until a date (staff)',
        params: s.SlotParams,
        body: s.CirculateBody,
        response: { 200: s.Minutes, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => minutes.circulateMinutes(app.db, principalOf(r), r.params.id, r.params.slotId, r.body),
  );
  app.get(
    `${m}/comments`,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Comments (staff: all; others: their own)',
        params: s.SlotParams,
        response: { 200: Type.Array(s.MinutesComment), ...errors(400, 401, 404) },
      },
    },
    async (r) => minutes.listComments(app.db, principalOf(r), r.params.id, r.params.slotId),
  );
  app.post(
    `${m}/comments`,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Comment on circulated minutes (registered attendees, companies with an issue on the slot)',
        params: s.SlotParams,
        body: s.CommentBody,
        response: { 201: s.MinutesComment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await minutes.addComment(app.db, principalOf(r), r.params.id, r.params.slotId, r.body)),
  );
  app.post(
    `${m}/finalize`,
    {
      onRequest: signedIn,
      schema: { tags, summary: 'Finalize: the text is locked (staff)', params: s.SlotParams, response: { 200: s.Minutes, ...errors(400, 401, 403, 404, 409) } },
    },
    async (r) => minutes.finalizeMinutes(app.db, principalOf(r), r.params.id, r.params.slotId),
  );
  app.post(
    `${m}/addenda`,
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Add an addendum to final minutes (staff)',
        params: s.SlotParams,
        body: s.AddendumBody,
        response: { 201: s.Minutes, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await minutes.addAddendum(app.db, principalOf(r), r.params.id, r.params.slotId, r.body)),
  );

  // Decisions and actions ------------------------------------------------------------------------
  app.post(
    '/api/round-tables/:id/slots/:slotId/decisions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: "Record a decision about some of the slot's issues (staff)",
        params: s.SlotParams,
        body: s.DecisionBody,
        response: { 201: s.Decision, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await decisions.createDecision(app.db, principalOf(r), r.params.id, r.params.slotId, r.body)),
  );
  app.get(
    '/api/round-tables/:id/outcomes',
    {
      schema: {
        tags,
        summary: 'Minutes, decisions and actions of a round-table, projected for the viewer',
        security: [],
        params: IdParams,
        response: { 200: s.RoundTableOutcomes, ...errors(400, 404) },
      },
    },
    async (r) => decisions.getOutcomes(app.db, r.principal, r.params.id, reader(r)),
  );
  app.post(
    '/api/decisions/:id/actions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Add an action item (staff); due date defaults to the pledge',
        params: IdParams,
        body: s.ActionBody,
        response: { 201: s.Action, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await actions.createAction(app.db, principalOf(r), r.params.id, r.body)),
  );
  app.get(
    '/api/actions/mine',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: "Action items owned by the signed-in person's organization (soonest due first)",
        response: { 200: Type.Array(s.Action), ...errors(401) },
      },
    },
    async (r) => actions.actionsOfMyOrganization(app.db, principalOf(r), reader(r)),
  );
  app.get(
    '/api/actions/:id',
    { schema: { tags, summary: 'One action item', security: [], params: IdParams, response: { 200: s.Action, ...errors(400, 404) } } },
    async (r) => actions.getAction(app.db, r.principal, r.params.id, reader(r)),
  );
  app.patch(
    '/api/actions/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Change status: open -> in_progress -> done | dropped (staff or owner organization)',
        params: IdParams,
        body: s.ActionPatchBody,
        response: { 200: s.Action, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r) => actions.setActionStatus(app.db, principalOf(r), r.params.id, r.body, reader(r)),
  );
  app.post(
    '/api/actions/:id/progress',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Report progress (staff or owner organization; internal note: officials)',
        params: IdParams,
        body: s.ProgressBody,
        response: { 201: s.Action, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (r, reply) => reply.status(201).send(await actions.addProgress(app.db, principalOf(r), r.params.id, r.body, reader(r))),
  );

  // Chain, board, open data ----------------------------------------------------------------------
  app.get(
    '/api/issues/:id/chain',
    {
      schema: {
        tags,
        summary: 'The whole chain of an issue, from submission to resolution',
        security: [],
        params: IdParams,
        response: { 200: s.IssueChain, ...errors(400, 404) },
      },
    },
    async (r) => chain.issueChain(app.db, r.principal, r.params.id, reader(r)),
  );
  app.get(
    '/api/board',
    {
      schema: {
        tags,
        summary: 'Accountability board, overall or for one round-table',
        security: [],
        querystring: s.BoardQuery,
        response: { 200: s.Board, ...errors(400, 404) },
      },
    },
    async (r) => board.getBoard(app.db, r.principal, r.query, reader(r)),
  );
  app.get(
    '/api/open-data/:kind.:format',
    {
      schema: {
        tags,
        summary: 'Open data (streamed): public issues, round-tables, decisions, actions as JSON or CSV',
        security: [],
        params: s.OpenDataParams,
        response: { 200: { description: 'A JSON array or a CSV file with a header row', type: 'string' }, ...errors(400) },
      },
    },
    async (r, reply) => {
      const { kind, format } = r.params;
      reply
        .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}.${format}"`);
      // A stream bypasses the serializer: rows are written as they are read.
      return reply.send(openData.exportStream(app.db, kind, format) as never);
    },
  );
};

export default outcomesRoutes;
