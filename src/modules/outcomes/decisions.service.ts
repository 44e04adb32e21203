// Decisions per agenda slot, and the outcomes of a whole round-table projected for the viewer.
import type { Db } from '../../db/client.js';
import { badRequest } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { agendaSlotsOf } from '../roundtables/roundtables.links.js';
import { readableMinutes } from './minutes.service.js';
import { canSeeIssue, issuesById, loadRoundTable, loadSlot, requireHeld, requireStaff, viewerOf } from './outcomes.access.js';
import { announceOutcome } from './outcomes.events.js';
import * as repo from './outcomes.repo.js';
import type { DecisionInput } from './outcomes.schemas.js';
import { decisionViews, issueRef, issueTranslations, loadFor } from './outcomes.views.js';
import { pledgeDueDate } from './pledge.js';

export async function createDecision(db: Db, actor: Principal, id: string, slotId: string, input: DecisionInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const { rt, staff } = await loadRoundTable(tx, actor, id);
    requireStaff(staff);
    requireHeld(rt);
    const slot = await loadSlot(tx, id, slotId);
    const issueIds = [...new Set(input.issueIds)];
    const off = issueIds.filter((i) => !slot.issueIds.includes(i));
    if (off.length) throw badRequest('ISSUE_NOT_ON_SLOT', 'A decision is about issues of its own agenda slot', { issueIds: off });
    const department = input.department?.trim() || null;
    const reason = input.reason?.trim() || null;
    if (input.kind === 'referral' && !department) throw badRequest('DEPARTMENT_REQUIRED', 'Name the department the matter is referred to');
    if (input.kind === 'no_action' && !reason) throw badRequest('REASON_REQUIRED', 'Say why no action will be taken');
    const row = await repo.insertDecision(
      tx,
      {
        roundTableId: id,
        slotId,
        text: input.text.trim(),
        kind: input.kind,
        department: input.kind === 'referral' ? department : null,
        reason: input.kind === 'no_action' ? reason : null,
        language: input.language,
        createdBy: actor.userId,
      },
      issueIds,
    );
    const loaded = await loadFor(tx, [row], { language: actor.language });
    await announceOutcome(tx, rt, [...loaded.issues.values()], { what: 'decision', slotId, decisionId: row.id }, actor.userId);
    return decisionViews(actor, [row], loaded, () => true, now)[0]!;
  });
}

/** Everything the round-table decided, as this viewer may see it (the outcomes tab and the printable page). */
/** `reader`: the language the viewer reads in (Accept-Language, else the account's): texts carry their translation into it. */
export async function getOutcomes(db: Db, viewer: Principal | null, id: string, reader: Language | null = viewer?.language ?? null, now = new Date()) {
  const { rt, staff } = await loadRoundTable(db, viewer, id);
  const slots = (await agendaSlotsOf(db, id)).filter((s) => s.kind !== 'section');
  const decisions = await repo.decisionsOfRoundTable(db, id);
  const loaded = await loadFor(db, decisions, { language: reader });
  const slotIssues = await issuesById(
    db,
    slots.flatMap((s) => s.issueIds),
  );
  const views = decisionViews(viewer, decisions, loaded, () => staff, now);
  const minutes = await readableMinutes(db, viewer, rt, staff, slots, reader);
  const names = await repo.organizationsById(
    db,
    [...slotIssues.values()].map((i) => i.companyId),
  );
  const issueTexts = await issueTranslations(db, [...slotIssues.values()], reader);
  return {
    roundTable: {
      id: rt.id,
      titleEn: rt.titleEn,
      titleJa: rt.titleJa,
      titleZh: rt.titleZh,
      status: rt.status,
      timeZone: rt.timeZone,
      startsAt: rt.startsAt,
      endsAt: rt.endsAt,
      pledgeDays: rt.pledgeDays,
      pledgeDueDate: pledgeDueDate(rt.startsAt, rt.timeZone, rt.pledgeDays),
      isStaff: staff,
    },
    slots: slots.map((s) => ({
      slotId: s.id,
      kind: s.kind,
      titleEn: s.titleEn,
      titleJa: s.titleJa,
      titleZh: s.titleZh,
      issues: s.issueIds
        .map((i) => slotIssues.get(i))
        .filter((i) => i !== undefined && canSeeIssue(viewerOf(viewer), i))
        .map((i) => issueRef(viewer, i!, names, issueTexts)),
      minutes: minutes.get(s.id) ?? null,
      decisions: views.filter((d) => d.slotId === s.id),
    })),
  };
}
