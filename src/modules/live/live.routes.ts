// HTTP side of the live layer: tickets for non-browser WebSocket clients, the protocol as JSON
// Schema, and the event log read as an audit trail by organizers.
import { EVENT_KINDS } from '../../lib/event-kinds.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { errors, Instant, InstantInput, Nullable, Uuid } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import { auditTrail } from './audit.js';
import { issueLiveTicket, liveProtocol } from './live.service.js';

const Ticket = Type.Object(
  { ticket: Type.String(), expiresAt: Instant, url: Type.String({ description: 'Path to open, ticket included' }) },
  { additionalProperties: false },
);
const AuditEvent = Type.Object(
  {
    stream: Type.String(),
    seq: Nullable(Type.Integer()),
    type: Type.String(),
    data: Type.Unknown({ description: 'null when redacted' }),
    actorId: Nullable(Uuid),
    actorName: Nullable(Type.String({ description: "The actor's display name (officials and organizers; null for the system)" })),
    actorOrganization: Nullable(Type.Object({ nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() }, { additionalProperties: false })),
    createdAt: Instant,
    cursor: Type.String({ description: 'Pass as `cursor` for the rows after this one' }),
    redacted: Type.Boolean({
      description: "true for the reader's own actions on streams they may not follow: stream shows its kind only ('user:*'), no seq, no data",
    }),
  },
  { additionalProperties: false },
);
const AuditQuery = Type.Object(
  {
    stream: Type.Optional(Type.String({ maxLength: 200, description: 'Exact stream, e.g. officials' })),
    streamPrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'e.g. roundtable:' })),
    type: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Uuid),
    kind: Type.Optional(
      Type.Union(
        EVENT_KINDS.map((k) => Type.Literal(k)),
        {
          description: 'The first part of the event type',
        },
      ),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `cursor` of the last row of the previous page' })),
    before: Type.Optional(InstantInput), // page: events strictly older than this
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

const liveRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['live'];

  app.post(
    '/api/live/tickets',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'A single-use ticket to open the live WebSocket without the cookie (valid for seconds)',
        response: { 201: Ticket, ...errors(401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await issueLiveTicket(app.db, principalOf(request), config.live.ticketTtlSeconds)),
  );

  app.get(
    '/api/live/protocol',
    {
      schema: {
        tags,
        summary: 'The live WebSocket protocol as JSON Schema: commands, frames, close codes, event payloads',
        security: [],
        response: {
          200: Type.Object(
            { commands: Type.Unknown(), frames: Type.Unknown(), closeCodes: Type.Unknown(), events: Type.Unknown() },
            { additionalProperties: false },
          ),
        },
      },
    },
    async () => liveProtocol(),
  );

  app.get(
    '/api/events',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary:
          "The audit trail (organizers): officials' and organizers' actions on the streams the organizer may follow, and the organizer's own actions, newest first. Filtering by a stream one may not follow is refused (403 AUDIT_STREAM_FORBIDDEN)",
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEvent), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      return auditTrail(app.db, principalOf(request), { ...q, before: q.before ? new Date(q.before) : undefined });
    },
  );
};
export default liveRoutes;
