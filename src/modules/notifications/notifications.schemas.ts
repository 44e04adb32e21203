// Request and response shapes of the notifications routes.
import { Type } from 'typebox';
import { Instant, Language, Nullable, Uuid } from '../../lib/schemas.js';

const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
  Type.Literal('digest'),
  Type.Literal('merged'),
]);

export const FeedQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 500 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);
export const FeedReadBody = Type.Object({ ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500 })) }, { additionalProperties: false });

export const FeedItem = Type.Object(
  {
    id: Uuid,
    /** The notice's kind: the web client renders `notify.<type>` with `data` as its parameters. */
    type: Type.String(),
    issueId: Nullable(Uuid),
    data: Type.Record(Type.String(), Type.Unknown()),
    /** Where the notice leads in the web client (a hash route such as /round-tables/<id>). */
    link: Nullable(Type.String()),
    createdAt: Instant,
    readAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export const FeedPage = Type.Object(
  { items: Type.Array(FeedItem), unread: Type.Integer(), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

const Mode = Type.Union([Type.Literal('in_app'), Type.Literal('immediate'), Type.Literal('digest')]);
export const Preference = Type.Object(
  { category: Type.String(), mode: Mode, digestHour: Type.Integer({ minimum: 0, maximum: 23 }) },
  { additionalProperties: false },
);
export const Preferences = Type.Array(Preference);
export const PreferencesBody = Type.Array(
  Type.Object(
    { category: Type.String({ maxLength: 40 }), mode: Mode, digestHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })) },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 20 },
);

export const OutboxQuery = Type.Object(
  { status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);
export const OutboxMessage = Type.Object(
  {
    id: Uuid,
    to: Type.String(),
    language: Language,
    kind: Type.String(),
    category: Nullable(Type.String()),
    status: Status,
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    createdAt: Instant,
    dueAt: Instant,
    sentAt: Nullable(Instant),
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
  },
  { additionalProperties: false },
);

export const UnsubscribeQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
