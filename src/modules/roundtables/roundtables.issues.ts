// The one place round-tables talk to the issues module, through its contract (issues.links.ts).
// Placing an issue on the draft agenda schedules it; taking it off unschedules it; agendas show each
// issue as projected for the viewer (anonymous issues never name their company to others).
import type { Executor, Tx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import * as links from '../issues/issues.links.js';

export type AgendaIssue = links.AgendaIssueView;

/** Every id must be an accepted issue the official can see: 404 ISSUE_NOT_FOUND / 409 ISSUE_NOT_ACCEPTED. */
export async function checkSchedulable(tx: Tx, viewer: Principal, ids: string[]): Promise<void> {
  const seen = new Set((await links.agendaIssueView(tx, viewer, ids)).filter((i) => i.title !== null).map((i) => i.id));
  const hidden = ids.find((id) => !seen.has(id));
  if (hidden) throw notFound('ISSUE_NOT_FOUND', `No issue ${hidden} that you can see`);
  await links.findSchedulableIssues(tx, ids);
}

export const schedule = (tx: Tx, actor: Principal, ids: string[], roundTableId: string) => links.scheduleIssues(tx, actor, ids, roundTableId);
export const unschedule = (tx: Tx, actor: Principal, ids: string[]) => links.unscheduleIssues(tx, actor, ids);
export const markDiscussed = (tx: Tx, actor: Principal, ids: string[]) => links.markIssuesDiscussed(tx, actor, ids);
export const issueViews = (db: Executor, viewer: Principal | null, ids: string[]) =>
  ids.length ? links.agendaIssueView(db, viewer, ids) : Promise.resolve([]);
export const companiesOf = (db: Executor, ids: string[]) => links.issuesByCompany(db, ids);

/** The round-table an issue is scheduled for (or was discussed at), if the viewer may see the issue at all:
 * 404 ISSUE_NOT_FOUND otherwise, as the issue's own route answers. */
export async function scheduledRoundTableOf(db: Executor, viewer: Principal | null, issueId: string): Promise<string | null> {
  const [issue] = await links.issueRecords(db, [issueId]);
  if (!issue || !links.canSeeIssue(links.viewerOf(viewer), issue)) throw notFound('ISSUE_NOT_FOUND', `No issue ${issueId}`);
  return issue.roundTableId;
}
