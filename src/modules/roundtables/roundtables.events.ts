// Event appends for round-tables, each pre-projected for its stream's one audience:
//   roundTable(id)      everyone who may see it (only once it is no longer a draft)
//   roundTableStaff(id) its officials (internal notes, registrant details)
//   userFeed(userId)    one person's notifications
import type { Tx } from '../../db/client.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import type { RoundTableRow } from './roundtables.repo.js';

export async function emitRoundTable(
  tx: Tx,
  rt: Pick<RoundTableRow, 'id' | 'status'>,
  type: string,
  audienceData: Record<string, unknown> | null,
  staffData: Record<string, unknown>,
  actorId: string | null,
): Promise<void> {
  if (audienceData && rt.status !== 'draft') {
    await queueEvent(tx, { stream: streamOf.roundTable(rt.id), type, data: audienceData, actorId });
  }
  await queueEvent(tx, { stream: streamOf.roundTableStaff(rt.id), type, data: staffData, actorId });
}

export async function notifyUsers(tx: Tx, userIds: string[], type: string, data: Record<string, unknown>, actorId: string | null) {
  for (const userId of new Set(userIds)) {
    await queueEvent(tx, { stream: streamOf.userFeed(userId), type, data, actorId });
  }
}
