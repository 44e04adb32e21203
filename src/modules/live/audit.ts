// The event log read as an audit trail. Organizers run the platform but may not read what the
// issues rules hide from them (anonymous authors, confidential issues, clarification threads).
// A row of a stream they may not follow is left out entirely, not merely redacted: its exact time,
// actor and seq could be joined to the public event of the same action (a company's inbox event
// at the instant an anonymous issue moved names its author), and their number would count hidden
// supporters. Filtering by such a stream is refused. What stays: every action on the streams the
// organizer may follow (officials' decisions on public issues, round-tables), and the organizer's
// own actions anywhere, those on other streams shown by kind only.
import type { Db } from '../../db/client.js';
import { forbidden } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { mayFollow } from '../../live/access.js';
import { listEvents, streamIdsMatching, type AuditQuery } from '../../live/event-log.js';

export async function auditTrail(db: Db, reader: Principal, query: AuditQuery) {
  if (query.stream && !(await mayFollow(db, reader, query.stream))) {
    throw forbidden(`You may not read the trail of ${query.stream}: it is not a stream you may follow`, 'AUDIT_STREAM_FORBIDDEN');
  }
  const followable: string[] = [];
  for (const stream of await streamIdsMatching(db, query)) if (await mayFollow(db, reader, stream)) followable.push(stream);
  const rows = await listEvents(db, query, { streams: followable, ownActorId: reader.userId });
  const shown = new Set(followable);
  return rows.map((r) =>
    shown.has(r.stream) ? { ...r, redacted: false } : { ...r, stream: `${r.stream.split(':')[0]}:*`, seq: null, data: null, redacted: true },
  );
}
