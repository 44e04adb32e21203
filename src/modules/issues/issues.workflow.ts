// Applies a state-machine command to one issue: lock, decide, write, record who/when/why, publishIssueChange.
// The only code that changes `issues.state`.
import { together } from '../../lib/together.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import type { IssueRow, NewIssue } from './issues.repo.js';
import { actorKindOf, assertTransition, TRANSITIONS, type IssueCommand } from './issues.state-machine.js';
import { canSeeIssue, viewerOf } from './issues.visibility.js';

export interface TransitionOptions {
  reason?: string | null;
  roundTableId?: string;
  mergedIntoId?: string;
  /** Extra fields for the announcement (e.g. the answer released with an acceptance). */
  sharedData?: Record<string, unknown>;
  /** Extra fields for officials and the author company only. */
  privateData?: Record<string, unknown>;
  /** Applied by a rule of the system on the actor's behalf (e.g. every action closed resolves the issue). */
  asSystem?: boolean;
  /** The row as this transaction already holds it (inserted by it, or locked): not read again. */
  held?: IssueRow;
}

export const issueNotFound = () => notFound('ISSUE_NOT_FOUND', 'No such issue');

export async function transitionIssue(tx: Tx, actor: Principal, issueId: string, command: IssueCommand, opts: TransitionOptions = {}): Promise<IssueRow> {
  const before = opts.held?.id === issueId ? opts.held : await repo.lockIssue(tx, issueId);
  if (!before) throw issueNotFound();
  const kind = opts.asSystem ? 'system' : actorKindOf(actor, before);
  // Issues the actor may not see do not exist for them; agenda builders act on what officials accepted.
  const agendaCommand = TRANSITIONS[command].by.includes('organizer');
  if (!opts.asSystem && !(agendaCommand && kind === 'organizer') && !canSeeIssue(viewerOf(actor), before)) throw issueNotFound();
  const to = assertTransition(before.state, command, kind, opts.reason);

  const changes: Partial<NewIssue> = { state: to, stateChangedAt: sql`now()` as unknown as Date };
  if (command === 'submit') changes.submittedAt = sql`now()` as unknown as Date;
  if (command === 'schedule') changes.roundTableId = opts.roundTableId ?? null;
  if (command === 'unschedule') changes.roundTableId = null;
  if (command === 'merge') changes.mergedIntoId = opts.mergedIntoId ?? null;
  if (command === 'unmerge') changes.mergedIntoId = null;
  const after = await repo.updateIssue(tx, issueId, changes);

  const reason = opts.reason?.trim() || null;
  // Independent: sent together (one round trip), run in this order.
  await together([
    repo.insertHistory(tx, { issueId, kind: 'transition', command, fromState: before.state, toState: to, actorId: actor.userId, reason }),
    publishIssueChange(tx, before, after, {
      type: 'issue.transition',
      actorId: actor.userId,
      sharedData: { command, fromState: before.state, toState: to, ...opts.sharedData },
      privateData: { reason, ...opts.privateData },
    }),
  ]);
  return after;
}
