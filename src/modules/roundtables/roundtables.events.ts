// Event appends for round-tables, each pre-projected for its stream's one audience:
//   roundTable(id)      everyone who may see it (only once it is no longer a draft)
//   roundTableStaff(id) its officials (internal notes, registrant details)
// and notices to the people a round-table concerns (registrants), through the notifications module.
import type { Tx } from '../../db/client.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { notify, type NoticeKind } from '../notifications/notifications.links.js';
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

/** What every round-table notice carries: enough to name it in any language and show its time the one way
 * (lib/time-format.ts: the venue's city first, the reader's zone beside it). */
export function noticeOf(
  rt: Pick<RoundTableRow, 'id' | 'titleEn' | 'titleJa' | 'titleZh' | 'startsAt' | 'endsAt' | 'timeZone' | 'venueCityEn' | 'venueCityJa' | 'venueCityZh'>,
) {
  return {
    roundTableId: rt.id,
    title: { en: rt.titleEn, ja: rt.titleJa, zh: rt.titleZh },
    startsAt: rt.startsAt.toISOString(),
    endsAt: rt.endsAt.toISOString(),
    timeZone: rt.timeZone,
    venueCityEn: rt.venueCityEn,
    venueCityJa: rt.venueCityJa,
    venueCityZh: rt.venueCityZh,
  };
}

/** Feed row, live push and e-mail (per preference) for each person, in the caller's transaction. */
export async function notifyUsers(tx: Tx, userIds: string[], kind: NoticeKind, data: Record<string, unknown>, actorId: string | null) {
  await notify(tx, userIds, { kind, category: kind === 'roundtable.live' ? 'live_start' : 'my_roundtables', data, actorId });
}
