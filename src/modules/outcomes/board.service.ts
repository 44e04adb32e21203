// The accountability board: per round-table and overall, days left on each pledge, actions by
// status, the overdue list, progress by category and by responsible department. Built only from
// what the viewer may see, so no count reveals a confidential issue or an anonymous author.
import type { Db } from '../../db/client.js';
import type { Language, Principal } from '../../lib/principal.js';
import { listRoundTableRecords } from '../roundtables/roundtables.links.js';
import { isStaffOf, loadRoundTable, mayView, type RoundTableRecord } from './outcomes.access.js';
import * as repo from './outcomes.repo.js';
import type { ActionView } from './outcomes.schemas.js';
import { decisionViews, issuesOf, loadFor } from './outcomes.views.js';
import { daysLeft, pledgeDueDate } from './pledge.js';

type Counts = { open: number; in_progress: number; done: number; dropped: number; overdue: number; total: number };
const zero = (): Counts => ({ open: 0, in_progress: 0, done: 0, dropped: 0, overdue: 0, total: 0 });

class Tally {
  counts = zero();
  private percents: number[] = [];
  add(a: ActionView) {
    this.counts[a.status]++;
    this.counts.total++;
    if (a.overdue) this.counts.overdue++;
    if (a.status !== 'dropped') this.percents.push(a.percent);
  }
  get averagePercent() {
    return this.percents.length ? Math.round(this.percents.reduce((s, p) => s + p, 0) / this.percents.length) : 0;
  }
}

export async function getBoard(
  db: Db,
  viewer: Principal | null,
  query: { roundTableId?: string | undefined },
  reader: Language | null = viewer?.language ?? null,
  now = new Date(),
) {
  const rts: RoundTableRecord[] = query.roundTableId
    ? [(await loadRoundTable(db, viewer, query.roundTableId)).rt]
    : (await listRoundTableRecords(db)).filter((rt) => mayView(viewer, rt));
  const byId = new Map(rts.map((rt) => [rt.id, rt]));
  const decisions = (await repo.allDecisions(db, query.roundTableId)).filter((d) => byId.has(d.roundTableId));
  const loaded = await loadFor(db, decisions, { withProgress: false, language: reader });
  const views = decisionViews(viewer, decisions, loaded, (id) => isStaffOf(viewer, byId.get(id)!), now);

  const totals = new Tally();
  const perRt = new Map<string, Tally>();
  const perCategory = new Map<string, Tally>();
  const perDept = new Map<string, { organization: NonNullable<ActionView['ownerOrganization']>; tally: Tally }>();
  const overdue: ActionView[] = [];
  for (const d of views) {
    const decision = decisions.find((x) => x.id === d.id)!;
    const categories = [...new Set(issuesOf(decision, loaded).map((i) => i.category))];
    for (const a of d.actions) {
      totals.add(a);
      const rtTally = perRt.get(d.roundTableId) ?? new Tally();
      perRt.set(d.roundTableId, rtTally);
      rtTally.add(a);
      for (const c of categories) {
        const t = perCategory.get(c) ?? new Tally();
        perCategory.set(c, t);
        t.add(a);
      }
      if (a.ownerOrganization) {
        const entry = perDept.get(a.ownerOrganization.id) ?? { organization: a.ownerOrganization, tally: new Tally() };
        perDept.set(a.ownerOrganization.id, entry);
        entry.tally.add(a);
      }
      if (a.overdue) overdue.push(a);
    }
  }

  // A pledge is shown for every round-table held (or with outcomes the viewer sees).
  const pledges = rts
    .filter((rt) => rt.status === 'live' || rt.status === 'concluded' || perRt.has(rt.id))
    .map((rt) => {
      const due = pledgeDueDate(rt.startsAt, rt.timeZone, rt.pledgeDays);
      const t = perRt.get(rt.id) ?? new Tally();
      return {
        roundTableId: rt.id,
        titleEn: rt.titleEn,
        titleJa: rt.titleJa,
        titleZh: rt.titleZh,
        timeZone: rt.timeZone,
        startsAt: rt.startsAt,
        pledgeDueDate: due,
        daysLeft: daysLeft(due, rt.timeZone, now),
        actions: t.counts,
        averagePercent: t.averagePercent,
      };
    });

  return {
    generatedAt: now,
    totals: totals.counts,
    pledges,
    overdue: overdue
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((a) => ({
        id: a.id,
        roundTableId: a.roundTableId,
        decisionId: a.decisionId,
        description: a.description,
        language: a.language,
        translation: a.translation,
        ownerOrganization: a.ownerOrganization,
        dueDate: a.dueDate,
        daysLeft: a.daysLeft,
        status: a.status,
        percent: a.percent,
        overdue: a.overdue,
      })),
    byCategory: [...perCategory]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, t]) => ({ category, actions: t.counts, averagePercent: t.averagePercent })),
    byDepartment: [...perDept.values()]
      .sort((a, b) => a.organization.nameEn.localeCompare(b.organization.nameEn))
      .map(({ organization, tally }) => ({ organization, actions: tally.counts, averagePercent: tally.averagePercent })),
  };
}
