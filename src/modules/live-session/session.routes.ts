// Live session routes under /api/round-tables/:id/live. Followers get the same state over the
// WebSocket (snapshot of roundtable:<id>, then live.* events); these routes are the commands.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors, IdParams, Uuid } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import * as s from './session.schemas.js';
import * as service from './session.service.js';

const HandParams = Type.Object({ id: Uuid, handId: Uuid }, { additionalProperties: false });
const PollParams = Type.Object({ id: Uuid, pollId: Uuid }, { additionalProperties: false });
const Hands = Type.Array(s.Hand);

const liveSessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['live session'];
  const officials = requireRole('official');
  const base = '/api/round-tables/:id/live';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The live state (the same as the WebSocket snapshot of roundtable:<id>)',
        security: [],
        params: IdParams,
        response: { 200: s.LiveState, ...errors(400, 404) },
      },
    },
    async (request) => service.getLiveState(app.db, request.principal, request.params.id),
  );
  app.post(
    `${base}/start`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Start the session: the round-table goes live (chair or host officials)',
        params: IdParams,
        response: { 200: s.LiveState, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.start(app.db, principalOf(request), request.params.id),
  );
  app.post(
    `${base}/slot`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Set the current slot, or move to the next or previous one',
        params: IdParams,
        body: s.SlotBody,
        response: { 200: s.LiveState, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.setSlot(app.db, principalOf(request), request.params.id, request.body),
  );
  app.post(
    `${base}/timer`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: "The current slot's countdown: start, pause, extend",
        params: IdParams,
        body: s.TimerBody,
        response: { 200: s.Timer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.timer(app.db, principalOf(request), request.params.id, request.body),
  );
  app.post(
    `${base}/hands`,
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Ask to speak (registered attendees and company representatives)',
        params: IdParams,
        response: { 200: Hands, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.raiseHand(app.db, principalOf(request), request.params.id),
  );
  app.delete(
    `${base}/hands`,
    { onRequest: requireUser, schema: { tags, summary: 'Lower my hand', params: IdParams, response: { 200: Hands, ...errors(400, 401, 404, 409) } } },
    async (request) => service.lowerHand(app.db, principalOf(request), request.params.id),
  );
  app.post(
    `${base}/hands/:handId`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Give the floor, end a turn, or remove a hand',
        params: HandParams,
        body: s.HandAction,
        response: { 200: Hands, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.handAction(app.db, principalOf(request), request.params.id, request.params.handId, request.body.action),
  );
  app.post(
    `${base}/announcements`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Announce something to everyone following',
        params: IdParams,
        body: s.AnnouncementBody,
        response: { 200: s.Announcement, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.postAnnouncement(app.db, principalOf(request), request.params.id, request.body.text),
  );
  app.post(
    `${base}/polls`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Open a quick poll (one at a time)',
        params: IdParams,
        body: s.PollBody,
        response: { 200: s.Poll, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.openPoll(app.db, principalOf(request), request.params.id, request.body),
  );
  app.post(
    `${base}/polls/:pollId/votes`,
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Vote once (registered participants)',
        params: PollParams,
        body: s.VoteBody,
        response: { 200: s.Poll, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.vote(app.db, principalOf(request), request.params.id, request.params.pollId, request.body.option),
  );
  app.post(
    `${base}/polls/:pollId/close`,
    { onRequest: officials, schema: { tags, summary: 'Close the poll', params: PollParams, response: { 200: s.Poll, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => service.closePoll(app.db, principalOf(request), request.params.id, request.params.pollId),
  );
  // The round-table's own start and conclude are the same commands as the session's: one path each.
  app.post(
    '/api/round-tables/:id/start',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Start: scheduled -> live (the same as .../live/start)',
        params: IdParams,
        response: { 200: s.LiveState, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.start(app.db, principalOf(request), request.params.id),
  );
  app.post(
    '/api/round-tables/:id/conclude',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Conclude: live -> concluded (the same as .../live/end)',
        params: IdParams,
        response: { 200: s.LiveState, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.end(app.db, principalOf(request), request.params.id),
  );
  app.post(
    `${base}/end`,
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'End the session: concluded, and the issues of the slots reached become discussed',
        params: IdParams,
        response: { 200: s.LiveState, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.end(app.db, principalOf(request), request.params.id),
  );
};
export default liveSessionRoutes;
