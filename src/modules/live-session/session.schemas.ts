// Live session: request bodies, the state every follower sees, and its event types.
import { Type, type Static } from 'typebox';
import { defineEventTypes } from '../../live/event-types.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Timer = Type.Object(
  {
    itemId: Type.String(),
    durationMs: Type.Integer({ minimum: 0 }),
    elapsedMs: Type.Integer({ minimum: 0 }),
    runningSince: Nullable(Instant),
  },
  { additionalProperties: false, description: 'remaining = durationMs - elapsedMs - (runningSince ? now - runningSince : 0)' },
);
export const Hand = Type.Object(
  { id: Uuid, userId: Uuid, name: Type.String(), status: Type.String(), raisedAt: Instant, floorAt: Nullable(Instant) },
  { additionalProperties: false },
);
export const Poll = Type.Object(
  {
    id: Uuid,
    question: Type.String(),
    options: Type.Array(Type.String()),
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    tally: Type.Array(Type.Integer({ minimum: 0 })),
    votes: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const Announcement = Type.Object({ id: Uuid, text: Type.String(), at: Instant }, { additionalProperties: false });
export const Slot = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    titleEn: Type.String(),
    titleJa: Type.String(),
    titleZh: Type.String(),
    presenter: Type.String(),
    plannedMinutes: Type.Integer(),
  },
  { additionalProperties: false },
);

export const LiveState = Type.Object(
  {
    roundTableId: Uuid,
    status: Type.String({ description: 'The round-table status: scheduled, live, concluded, …' }),
    serverNow: Instant,
    slots: Type.Array(Slot),
    currentItemId: Nullable(Type.String()),
    timer: Nullable(Timer),
    hands: Type.Array(Hand),
    poll: Nullable(Poll),
    announcements: Type.Array(Announcement),
    startedAt: Nullable(Instant),
    endedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export type LiveState = Static<typeof LiveState>;

export const SlotBody = Type.Union([
  Type.Object({ itemId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ move: Type.Union([Type.Literal('next'), Type.Literal('previous')]) }, { additionalProperties: false }),
]);
export const TimerBody = Type.Object(
  {
    action: Type.Union([Type.Literal('start'), Type.Literal('pause'), Type.Literal('extend')]),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, description: 'extend only' })),
  },
  { additionalProperties: false },
);
export const HandAction = Type.Object(
  { action: Type.Union([Type.Literal('floor'), Type.Literal('end'), Type.Literal('remove')]) },
  { additionalProperties: false },
);
export const AnnouncementBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const PollBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 300 }),
    options: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 2, maxItems: 8 }),
  },
  { additionalProperties: false },
);
export const VoteBody = Type.Object({ option: Type.Integer({ minimum: 0, maximum: 7 }) }, { additionalProperties: false });

// Events on roundtable:<id> (the round-table's audience): each carries the part of the state it changes.
export const LiveEvents = defineEventTypes({
  'live.started': Type.Object({ state: LiveState }, { additionalProperties: false }),
  'live.slot': Type.Object({ currentItemId: Nullable(Type.String()), timer: Nullable(Timer) }, { additionalProperties: false }),
  'live.timer': Type.Object({ timer: Nullable(Timer) }, { additionalProperties: false }),
  'live.hands': Type.Object({ hands: Type.Array(Hand) }, { additionalProperties: false }),
  'live.announcement': Type.Object({ announcement: Announcement }, { additionalProperties: false }),
  'live.poll': Type.Object({ poll: Poll }, { additionalProperties: false }),
  'live.ended': Type.Object({ endedAt: Instant, discussedIssueIds: Type.Array(Uuid) }, { additionalProperties: false }),
});
