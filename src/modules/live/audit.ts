// The event log read as an audit trail. Organizers run the platform but may not read what the
// issues rules hide from them (anonymous authors, confidential issues, clarification threads).
// A row of a stream they may not follow is left out entirely, not merely redacted: its exact time,
// actor and seq could be joined to the public event of the same action (a company's inbox event
// at the instant an anonymous issue moved names its author), and their number would count hidden
// supporters. Filtering by such a stream is refused. What stays: every action on the streams the
// organizer may follow (officials' decisions on public issues, round-tables), and the organizer's
// own actions anywhere, those on other streams shown by kind only.
// Each row names its actor (officials and organizers only, whom organizers may see in the
// directory) and carries a cursor for the next page (keyset: stable while new events arrive).
import type { Db } from '../../db/client.js';
import { badRequest, forbidden } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { mayFollow } from '../../live/access.js';
import { listEvents, streamIdsMatching, type AuditCursor, type AuditQuery } from '../../live/event-log.js';

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export function decodeAuditCursor(cursor: string): AuditCursor {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  const [at, tie] = Array.isArray(values) && values.length === 2 ? (values as unknown[]) : [];
  if (typeof at !== 'string' || !CURSOR_INSTANT.test(at) || typeof tie !== 'string' || !/^[0-9a-f]{32}$/.test(tie)) {
    throw badRequest('INVALID_CURSOR', 'This page cursor is not valid for this list');
  }
  return [at, tie];
}

export async function auditTrail(db: Db, reader: Principal, query: Omit<AuditQuery, 'after'> & { cursor?: string | undefined }) {
  const after = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
  if (query.stream && !(await mayFollow(db, reader, query.stream))) {
    throw forbidden(`You may not read the trail of ${query.stream}: it is not a stream you may follow`, 'AUDIT_STREAM_FORBIDDEN');
  }
  const followable: string[] = [];
  for (const stream of await streamIdsMatching(db, query)) if (await mayFollow(db, reader, stream)) followable.push(stream);
  const rows = await listEvents(db, { ...query, after }, { streams: followable, ownActorId: reader.userId });
  const shown = new Set(followable);
  return rows.map(({ createdKey, tie, orgEn, orgJa, orgZh, ...r }) => {
    const row = {
      ...r,
      actorOrganization: orgEn === null ? null : { nameEn: orgEn, nameJa: orgJa ?? '', nameZh: orgZh ?? '' },
      cursor: Buffer.from(JSON.stringify([createdKey, tie])).toString('base64url'),
    };
    return shown.has(r.stream) ? { ...row, redacted: false } : { ...row, stream: `${r.stream.split(':')[0]}:*`, seq: null, data: null, redacted: true };
  });
}
