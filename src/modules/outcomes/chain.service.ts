// The whole chain of one issue: submitted -> answered -> scheduled -> discussed -> decisions ->
// actions -> progress -> resolved, each step dated with the role of who did it (their name only
// where the viewer may know it).
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { issueHistoryOf } from '../issues/issues.links.js';
import { agendaSlotsOf, findRoundTableRecord } from '../roundtables/roundtables.links.js';
import { canSeeCompany, canSeeIssue, isOfficial, isStaffOf, issuesById, mayView, viewerOf } from './outcomes.access.js';
import * as repo from './outcomes.repo.js';
import type { Static } from 'typebox';
import type { ChainStep } from './outcomes.schemas.js';
import { decisionViews, issueRef, issueTranslations, loadFor, personRef } from './outcomes.views.js';

type Step = Static<typeof ChainStep>;
const COMMAND_STEP: Record<string, Step['kind']> = { submit: 'submitted', schedule: 'scheduled', mark_discussed: 'discussed', resolve: 'resolved' };

export async function issueChain(db: Db, viewer: Principal | null, issueId: string, reader: Language | null = viewer?.language ?? null, now = new Date()) {
  const issue = (await issuesById(db, [issueId])).get(issueId);
  const v = viewerOf(viewer);
  if (!issue || !canSeeIssue(v, issue)) throw notFound('ISSUE_NOT_FOUND', 'No such issue');
  const companyKnown = canSeeCompany(v, issue);
  const own = v.kind === 'company' && v.companyId === issue.companyId;

  // Where it was scheduled: named only if the viewer may view that round-table.
  const rt = issue.roundTableId ? await findRoundTableRecord(db, issue.roundTableId) : null;
  const rtVisible = rt !== null && mayView(viewer, rt);
  const slot = rtVisible ? (await agendaSlotsOf(db, rt.id)).find((s) => s.issueIds.includes(issueId)) : undefined;

  const steps: Step[] = [];
  for (const h of await issueHistoryOf(db, issueId)) {
    const actor = h.actorId ? personRef({ id: h.actorId, displayName: h.actorName ?? '', role: h.actorRole ?? 'system' }, viewer, companyKnown) : null;
    if (h.kind === 'answer_released') steps.push({ kind: 'answered', at: h.createdAt, actor });
    const kind = h.kind === 'transition' && h.command ? COMMAND_STEP[h.command] : undefined;
    if (!kind) continue;
    const step: Step = { kind, at: h.createdAt, actor };
    if ((kind === 'scheduled' || kind === 'discussed') && rtVisible) {
      step.roundTableId = rt.id;
      if (slot) step.slotId = slot.id;
    }
    // A resolution's reason is for officials and the author company, like the transition's event.
    if (kind === 'resolved' && h.reason && (isOfficial(viewer) || own)) step.text = h.reason;
    steps.push(step);
  }

  const decisions = await repo.decisionsOfIssue(db, issueId);
  const rts = new Map<string, Awaited<ReturnType<typeof findRoundTableRecord>>>();
  for (const d of decisions) if (!rts.has(d.roundTableId)) rts.set(d.roundTableId, await findRoundTableRecord(db, d.roundTableId));
  const viewable = decisions.filter((d) => {
    const r = rts.get(d.roundTableId);
    return r && mayView(viewer, r);
  });
  const loaded = await loadFor(db, viewable, { language: reader });
  const views = decisionViews(viewer, viewable, loaded, (id) => isStaffOf(viewer, rts.get(id)!), now);
  for (const d of views) {
    const ref = { roundTableId: d.roundTableId, slotId: d.slotId, decisionId: d.id };
    steps.push({ kind: 'decision', at: d.createdAt, actor: d.createdBy, ...ref, text: d.text, language: d.language, translation: d.translation });
    for (const a of d.actions) {
      steps.push({
        kind: 'action',
        at: a.createdAt,
        actor: null,
        ...ref,
        actionId: a.id,
        text: a.description,
        language: a.language,
        translation: a.translation,
        status: a.status,
      });
      for (const p of a.progress)
        steps.push({
          kind: 'progress',
          at: p.createdAt,
          actor: p.author,
          ...ref,
          actionId: a.id,
          text: p.publicText,
          language: p.language,
          percent: p.percent,
        });
      const row = loaded.actions.find((x) => x.id === a.id);
      if (row?.closedAt) steps.push({ kind: 'action_closed', at: row.closedAt, actor: null, ...ref, actionId: a.id, status: a.status });
    }
  }
  steps.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());

  const names = await repo.organizationsById(db, [issue.companyId]);
  return {
    issue: issueRef(viewer, issue, names, await issueTranslations(db, [issue], reader)),
    roundTable: rtVisible
      ? { id: rt.id, slotId: slot?.id ?? null, titleEn: rt.titleEn, titleJa: rt.titleJa, titleZh: rt.titleZh, startsAt: rt.startsAt, timeZone: rt.timeZone }
      : null,
    steps,
    decisions: views,
  };
}
