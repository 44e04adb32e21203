// Live announcements of outcome changes. Payloads carry ids only (clients re-read the board or the
// outcomes page, which are projected for them), and go only to streams whose whole audience may see
// the decision: staff and officials always, the author companies' inboxes, and the round-table's and
// public streams only when every linked issue is listed for everyone.
import type { Tx } from '../../db/client.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import type { IssueRecord, RoundTableRecord } from './outcomes.access.js';
import { listedForEveryone } from './outcomes.access.js';

// The payload's schema is `outcomes.changed` in live/event-catalog.ts.

export interface OutcomeChange {
  what: 'minutes' | 'decision' | 'action' | 'progress';
  slotId?: string | null;
  decisionId?: string | null;
  actionId?: string | null;
}

export async function announceOutcome(
  tx: Tx,
  rt: Pick<RoundTableRecord, 'id' | 'status' | 'audience'>,
  issues: Pick<IssueRecord, 'companyId' | 'visibility' | 'state'>[],
  change: OutcomeChange,
  actorId: string,
  { everyone = issues.every(listedForEveryone) }: { everyone?: boolean } = {},
): Promise<void> {
  const data = {
    roundTableId: rt.id,
    what: change.what,
    slotId: change.slotId ?? null,
    decisionId: change.decisionId ?? null,
    actionId: change.actionId ?? null,
  };
  const type = 'outcomes.changed';
  await queueEvent(tx, { stream: streamOf.roundTableStaff(rt.id), type, data, actorId });
  await queueEvent(tx, { stream: streamOf.officials(), type, data, actorId });
  for (const companyId of new Set(issues.map((i) => i.companyId))) {
    await queueEvent(tx, { stream: streamOf.companyInbox(companyId), type, data });
  }
  if (!everyone || rt.status === 'draft') return;
  await queueEvent(tx, { stream: streamOf.roundTable(rt.id), type, data });
  if (rt.audience === 'public') await queueEvent(tx, { stream: streamOf.public(), type, data });
}
