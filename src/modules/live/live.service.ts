// What the live layer's HTTP face offers, for its routes (routes call services, never the live layer).
import type { Db } from '../../db/client.js';
import type { Principal } from '../../lib/principal.js';
import { eventTypeSchemas } from '../../live/event-types.js';
import { CLOSE_CODES, Command, Frame } from '../../live/protocol.js';
import { issueTicket } from '../../live/tickets.js';

/** A single-use ticket to open the WebSocket without the cookie, and the path that redeems it. */
export async function issueLiveTicket(db: Db, principal: Principal, ttlSeconds: number) {
  const { ticket, expiresAt } = await issueTicket(db, principal, ttlSeconds);
  return { ticket, expiresAt, url: `/api/live?ticket=${ticket}` };
}

/** The WebSocket protocol as JSON Schema: commands, frames, close codes, event payloads. */
export const liveProtocol = () => ({ commands: Command, frames: Frame, closeCodes: CLOSE_CODES, events: eventTypeSchemas() });
