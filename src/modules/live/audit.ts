// The event log read as an audit trail. Organizers run the platform but may not read what the
// issues rules hide from them (anonymous authors, confidential issues, clarification threads), so
// an event is shown in full only when its stream is one the reader may follow.
import type { Db } from '../../db/client.js';
import type { Principal } from '../../lib/principal.js';
import { mayFollow } from '../../live/access.js';
import { listEvents, type AuditQuery } from '../../live/event-log.js';

export async function auditTrail(db: Db, reader: Principal, query: AuditQuery) {
  const rows = await listEvents(db, query);
  const allowed = new Map<string, boolean>();
  for (const stream of new Set(rows.map((r) => r.stream))) allowed.set(stream, await mayFollow(db, reader, stream));
  return rows.map((r) =>
    allowed.get(r.stream)
      ? { ...r, redacted: false }
      : { ...r, stream: `${r.stream.split(':')[0]}:*`, data: null, redacted: true },
  );
}
