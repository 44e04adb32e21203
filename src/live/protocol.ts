// The WebSocket protocol as TypeBox schemas: what clients send (commands) and what the server sends
// (frames). Served as JSON Schema at GET /api/live/protocol and described in the README.
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

/** Application close code: the client must resubscribe (it fell behind or its state is stale). */
export const CLOSE_RESYNC = 4000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

const CommandId = Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()], { description: 'Echoed in the reply to this command' }));
const StreamName = Type.String({ minLength: 1, maxLength: 200, description: 'e.g. public, officials, user:<id>, company:<id>, roundtable:<id>' });
const Seq = Type.Integer({ minimum: 0 });

export const SubscribeCommand = Type.Object(
  {
    type: Type.Literal('subscribe'),
    id: CommandId,
    stream: StreamName,
    since: Type.Optional(Type.Integer({ minimum: 0, description: 'Last seq the client applied; absent: send a snapshot' })),
  },
  { additionalProperties: false },
);
export const UnsubscribeCommand = Type.Object({ type: Type.Literal('unsubscribe'), id: CommandId, stream: StreamName }, { additionalProperties: false });
export const PingCommand = Type.Object({ type: Type.Literal('ping'), id: CommandId }, { additionalProperties: false });

export const Command = Type.Union([SubscribeCommand, UnsubscribeCommand, PingCommand]);
export type Command = Static<typeof Command>;
export const COMMAND_TYPES = ['subscribe', 'unsubscribe', 'ping'] as const;

export const SnapshotFrame = Type.Object(
  {
    type: Type.Literal('snapshot'),
    id: CommandId,
    stream: StreamName,
    seq: Seq,
    data: Type.Unknown({ description: 'The state at `seq` (null: load it over HTTP, events after `seq` follow)' }),
  },
  { additionalProperties: false },
);
export const SubscribedFrame = Type.Object(
  {
    type: Type.Literal('subscribed'),
    id: CommandId,
    stream: StreamName,
    seq: Type.Integer({ minimum: 0, description: 'Resuming after this seq: the missed events follow, in order' }),
  },
  { additionalProperties: false },
);
export const EventFrame = Type.Object(
  {
    type: Type.Literal('event'),
    stream: StreamName,
    seq: Type.Integer({ minimum: 1, description: 'Exactly one more than the previous event or snapshot of this stream' }),
    event: Type.String({ description: 'The event type, e.g. session.revoked (schemas: `events`)' }),
    data: Type.Unknown(),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export const UnsubscribedFrame = Type.Object({ type: Type.Literal('unsubscribed'), id: CommandId, stream: StreamName }, { additionalProperties: false });
export const PongFrame = Type.Object({ type: Type.Literal('pong'), id: CommandId }, { additionalProperties: false });
export const ErrorFrame = Type.Object(
  {
    type: Type.Literal('error'),
    id: CommandId,
    stream: Type.Optional(StreamName),
    statusCode: Type.Integer(),
    code: Type.String({ description: 'The same stable codes as HTTP error bodies' }),
    error: Type.String({ description: 'The HTTP status text, as in HTTP error bodies' }),
    message: Type.String(),
    retryAfterMs: Type.Optional(Type.Integer({ minimum: 0, description: 'Retryable (503, 429): send the same command again after this long' })),
  },
  { additionalProperties: false },
);

/** Codes after which the client should send the same command again (after retryAfterMs). */
export const RETRYABLE_CODES = ['DATABASE_UNAVAILABLE', 'OVERLOADED', 'RATE_LIMITED'] as const;

/** The error frame for an error body (HTTP's {statusCode, code, error, message}), with retry advice. */
export function errorFrame(
  body: { statusCode: number; code: string; error: string; message: string },
  opts: { id?: string | number | undefined; stream?: string | undefined; retryAfterMs: number },
): Static<typeof ErrorFrame> {
  const retryable = (RETRYABLE_CODES as readonly string[]).includes(body.code);
  return {
    type: 'error',
    ...(opts.id !== undefined ? { id: opts.id } : {}),
    ...(opts.stream !== undefined ? { stream: opts.stream } : {}),
    statusCode: body.statusCode,
    code: body.code,
    error: body.error,
    message: body.message,
    ...(retryable ? { retryAfterMs: opts.retryAfterMs } : {}),
  };
}
export const Frame = Type.Union([SnapshotFrame, SubscribedFrame, EventFrame, UnsubscribedFrame, PongFrame, ErrorFrame]);

export const commandValidator = Compile(Command);

export const CLOSE_CODES = {
  [CLOSE_GOING_AWAY]: 'Server going away: reconnect (with backoff) and resume with since',
  [CLOSE_POLICY]: 'Policy or authentication: signed out, access changed, bad ticket, too many sockets, flooding',
  1009: 'Frame too large (over 16 KB)',
  [CLOSE_TRY_AGAIN_LATER]: 'Overloaded: the instance has no room for another socket; reconnect later (with backoff)',
  [CLOSE_RESYNC]: 'Resync needed: the client fell behind; reconnect and resubscribe',
} as const;
