// Live session: request bodies; the state every follower sees and its events are in the one event
// catalog (live/event-catalog.ts), re-exported here for the routes' responses.
import { Type } from 'typebox';

export { Announcement, Hand, LiveState, Poll, Slot, Timer } from '../../live/event-catalog.js';

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
