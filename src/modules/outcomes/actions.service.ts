// Action items from a decision: owner, due date (by default the pledge: the round-table's local
// start date plus its pledge days), status open -> in_progress -> done | dropped, dated progress.
// When every action on an issue is closed, the issue is resolved through its state machine.
import type { Db, Tx } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { awaitActionOn, resolveWhenActionsClosed } from '../issues/issues.links.js';
import { isOfficial, loadRoundTable, requireStaff, type RoundTableRecord } from './outcomes.access.js';
import { announceOutcome } from './outcomes.events.js';
import * as repo from './outcomes.repo.js';
import type { ActionInput, ProgressInput } from './outcomes.schemas.js';
import { actionView, decisionVisible, issuesOf, loadFor, type Loaded } from './outcomes.views.js';
import { assertDate, localDate, pledgeDueDate } from './pledge.js';

type Status = repo.ActionRow['status'];

/** The allowed moves; anything else is ACTION_TRANSITION_NOT_ALLOWED. */
export const ACTION_TRANSITIONS: Record<Status, readonly Status[]> = {
  open: ['in_progress', 'dropped'],
  in_progress: ['done', 'dropped'],
  done: [],
  dropped: [],
};

const decisionNotFound = () => notFound('DECISION_NOT_FOUND', 'No such decision');
const actionNotFound = () => notFound('ACTION_NOT_FOUND', 'No such action item');

interface Ctx {
  rt: RoundTableRecord;
  staff: boolean;
  decision: repo.DecisionRow;
  loaded: Loaded;
}

/** The decision as the viewer may see it; one they may not see does not exist for them. */
async function decisionContext(
  db: Db | Tx,
  viewer: Principal | null,
  decisionId: string,
  notFoundError: () => Error,
  reader: Language | null = viewer?.language ?? null,
): Promise<Ctx> {
  const decision = await repo.findDecision(db, decisionId);
  if (!decision) throw notFoundError();
  let rt: { rt: RoundTableRecord; staff: boolean };
  try {
    rt = await loadRoundTable(db, viewer, decision.roundTableId);
  } catch {
    throw notFoundError();
  }
  const loaded = await loadFor(db, [decision], { language: reader });
  if (!decisionVisible(viewer, decision, loaded)) throw notFoundError();
  return { ...rt, decision, loaded };
}

export async function createAction(db: Db, actor: Principal, decisionId: string, input: ActionInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const { rt, staff, decision } = await decisionContext(tx, actor, decisionId, decisionNotFound);
    requireStaff(staff);
    if (decision.kind === 'no_action') throw conflict('DECISION_TAKES_NO_ACTION', 'A "no action" decision has no action items');
    const org = (await repo.organizationsById(tx, [input.ownerOrganizationId])).get(input.ownerOrganizationId);
    if (!org) throw badRequest('OWNER_ORGANIZATION_NOT_FOUND', 'No such owner organization');
    if (input.ownerUserId) {
      const person = (await repo.people(tx, [input.ownerUserId])).get(input.ownerUserId);
      if (!person || person.organizationId !== org.id) {
        throw badRequest('OWNER_NOT_IN_ORGANIZATION', 'The owner person must belong to the owner organization');
      }
    }
    const start = localDate(rt.startsAt, rt.timeZone);
    const dueDate = input.dueDate ? assertDate(input.dueDate, 'dueDate') : pledgeDueDate(rt.startsAt, rt.timeZone, rt.pledgeDays);
    if (dueDate < start) throw badRequest('DUE_BEFORE_ROUND_TABLE', `The due date cannot be before the round-table (${start})`, { roundTableDate: start });
    const row = await repo.insertAction(tx, {
      decisionId,
      roundTableId: rt.id,
      description: input.description.trim(),
      language: actor.language,
      ownerOrganizationId: org.id,
      ownerUserId: input.ownerUserId ?? null,
      dueDate,
      timeZone: rt.timeZone,
      createdBy: actor.userId,
    });
    // The issue state machine lets officials move a discussed issue to "action pending" (a chair who is not one leaves it).
    if (isOfficial(actor)) await awaitActionOn(tx, actor, decision.issueIds);
    return finish(tx, actor, rt, decision, row, 'action', now);
  });
}

async function finish(
  tx: Tx,
  actor: Principal,
  rt: RoundTableRecord,
  decision: repo.DecisionRow,
  row: repo.ActionRow,
  what: 'action' | 'progress',
  now: Date,
  reader: Language | null = actor.language,
) {
  const loaded = await loadFor(tx, [decision], { language: reader });
  const issues = issuesOf(decision, loaded);
  await announceOutcome(tx, rt, issues, { what, slotId: decision.slotId, decisionId: decision.id, actionId: row.id }, actor.userId);
  return actionView(actor, row, issues, loaded, true, now);
}

/** `reader`: the language the viewer reads in (Accept-Language, else the account's): texts carry their translation into it. */
export async function getAction(db: Db, viewer: Principal | null, id: string, reader: Language | null = viewer?.language ?? null, now = new Date()) {
  const row = await repo.findAction(db, id);
  if (!row) throw actionNotFound();
  const { staff, decision, loaded } = await decisionContext(db, viewer, row.decisionId, actionNotFound, reader);
  return actionView(viewer, row, issuesOf(decision, loaded), loaded, staff, now);
}

/** The owner's view: action items owned by the viewer's organization, on decisions the viewer may see. */
export async function actionsOfMyOrganization(db: Db, viewer: Principal, reader: Language | null = viewer.language, now = new Date()) {
  if (!viewer.organizationId) return [];
  const rows = await repo.actionsOwnedBy(db, viewer.organizationId);
  const decisions = await repo.decisionsByIds(db, [...new Set(rows.map((r) => r.decisionId))]);
  const loaded = await loadFor(db, decisions, { language: reader });
  const visible = new Map(decisions.filter((d) => decisionVisible(viewer, d, loaded)).map((d) => [d.id, d]));
  return rows.filter((r) => visible.has(r.decisionId)).map((r) => actionView(viewer, r, issuesOf(visible.get(r.decisionId)!, loaded), loaded, false, now));
}

/** Locks the action and checks the actor may work on it: staff of the round-table, or its owner organization. */
async function forUpdate(tx: Tx, actor: Principal, id: string) {
  const row = await repo.findAction(tx, id, { lock: true });
  if (!row) throw actionNotFound();
  const ctx = await decisionContext(tx, actor, row.decisionId, actionNotFound);
  if (!ctx.staff && actor.organizationId !== row.ownerOrganizationId) {
    throw forbidden('Only the round-table officials and the owner organization update this action', 'ACTION_FORBIDDEN');
  }
  return { row, ...ctx };
}

export async function setActionStatus(
  db: Db,
  actor: Principal,
  id: string,
  input: { status: Status; reason?: string | undefined; language?: Language | undefined },
  reader: Language | null = actor.language,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { row, rt, decision } = await forUpdate(tx, actor, id);
    if (!ACTION_TRANSITIONS[row.status].includes(input.status)) {
      throw conflict('ACTION_TRANSITION_NOT_ALLOWED', `An action that is ${row.status.replace('_', ' ')} cannot become ${input.status.replace('_', ' ')}`, {
        from: row.status,
        to: input.status,
      });
    }
    const reason = input.reason?.trim() || null;
    if (input.status === 'dropped' && !reason) throw badRequest('REASON_REQUIRED', 'Say why the action is dropped');
    const closing = input.status === 'done' || input.status === 'dropped';
    const updated = await repo.updateAction(
      tx,
      id,
      {
        status: input.status,
        ...(input.status === 'done' ? { percent: 100 } : {}),
        ...(input.status === 'dropped' ? { droppedReason: reason, droppedReasonLanguage: input.language ?? actor.language } : {}),
      },
      { closed: closing },
    );
    if (closing) await resolveClosedIssues(tx, actor, decision.issueIds);
    return finish(tx, actor, rt, decision, updated, 'action', now, reader);
  });
}

/** Issues whose every action (over all their decisions) is done or dropped become resolved. */
export async function resolveClosedIssues(tx: Tx, actor: Principal, issueIds: string[]) {
  const rows = await repo.actionsOnIssues(tx, issueIds);
  const closed = issueIds.filter((issueId) => {
    const mine = rows.filter((r) => r.issueId === issueId);
    return mine.length > 0 && mine.every((r) => r.status === 'done' || r.status === 'dropped');
  });
  if (closed.length) await resolveWhenActionsClosed(tx, actor, closed, 'All action items are done or dropped');
}

export async function addProgress(db: Db, actor: Principal, id: string, input: ProgressInput, reader: Language | null = actor.language, now = new Date()) {
  return db.transaction(async (tx) => {
    const { row, rt, decision } = await forUpdate(tx, actor, id);
    if (row.status === 'done' || row.status === 'dropped')
      throw conflict('ACTION_CLOSED', `The action is ${row.status}: no more progress updates`, { status: row.status });
    const note = input.internalNote?.trim() || null;
    if (note && !isOfficial(actor)) throw badRequest('INTERNAL_NOTE_OFFICIALS_ONLY', 'Only officials write internal notes');
    await repo.insertProgress(tx, {
      actionId: id,
      percent: input.percent,
      publicText: input.publicText.trim(),
      internalNote: note,
      language: input.language ?? actor.language,
      authorId: actor.userId,
    });
    const updated = await repo.updateAction(tx, id, { percent: input.percent });
    return finish(tx, actor, rt, decision, updated, 'progress', now, reader);
  });
}

/** After a live session discussed these issues: those with action items recorded during the session
 * move on to action_pending, and those whose actions were all closed meanwhile become resolved. */
export async function settleDiscussedIssues(tx: Tx, actor: Principal, issueIds: string[]): Promise<void> {
  const withActions = [...new Set((await repo.actionsOnIssues(tx, issueIds)).map((r) => r.issueId))];
  if (!withActions.length) return;
  await awaitActionOn(tx, actor, withActions);
  await resolveClosedIssues(tx, actor, withActions);
}
