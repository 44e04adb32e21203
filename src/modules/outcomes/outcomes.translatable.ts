// Outcomes' texts as the translations module sees them: a decision's text, an action item's description and
// a slot's minutes, for someone who may see them (the round-table viewable, every issue of the decision
// visible; minutes as readable as they are), whether they may translate them (organizers and officials),
// and the translators' queue candidates (follow-up urgency: circulated minutes by their comment deadline,
// action items by their due date).
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { isOrganizerOrOfficial, type Principal } from '../../lib/principal.js';
import type { Original } from '../translations/translations.links.js';
import { minutesText, readableMinutes, minutesOriginal } from './minutes.service.js';
import * as minutesRepo from './minutes.repo.js';
import { knowsCompanies, loadRoundTable } from './outcomes.access.js';
import { agendaSlotsOf } from '../roundtables/roundtables.links.js';
import * as repo from './outcomes.repo.js';
import { actionOriginal, decisionOriginal, decisionVisible, issuesOf, loadFor } from './outcomes.views.js';

export type OutcomeKind = 'decision' | 'action' | 'minutes';

export interface OutcomeText {
  original: Original;
  mayTranslate: boolean;
  companyVisible: boolean;
  /** The round-table's title (in its own language), for the translators' screens. */
  title: string;
  roundTableId: string;
}

const textNotFound = () => notFound('TEXT_NOT_FOUND', 'No such text');
const titleOf = (rt: { language: 'en' | 'ja' | 'zh'; titleEn: string; titleJa: string; titleZh: string }) =>
  ({ en: rt.titleEn, ja: rt.titleJa, zh: rt.titleZh })[rt.language] || rt.titleEn || rt.titleJa || rt.titleZh;
const translator = isOrganizerOrOfficial;

export async function outcomeText(db: Executor, viewer: Principal | null, kind: OutcomeKind, id: string): Promise<OutcomeText> {
  if (kind === 'minutes') {
    const { original, rt } = await minutesText(db, viewer, id);
    return { original, mayTranslate: translator(viewer), companyVisible: true, title: titleOf(rt), roundTableId: rt.id };
  }
  const action = kind === 'action' ? await repo.findAction(db, id) : null;
  if (kind === 'action' && !action) throw textNotFound();
  const decision = await repo.findDecision(db, action ? action.decisionId : id);
  if (!decision) throw textNotFound();
  let rt;
  try {
    rt = (await loadRoundTable(db, viewer, decision.roundTableId)).rt;
  } catch {
    throw textNotFound();
  }
  const loaded = await loadFor(db, [decision], { withProgress: false });
  if (!decisionVisible(viewer, decision, loaded)) throw textNotFound();
  return {
    original: action ? actionOriginal(action) : decisionOriginal(decision),
    mayTranslate: translator(viewer),
    companyVisible: knowsCompanies(viewer, issuesOf(decision, loaded)),
    title: titleOf(rt),
    roundTableId: rt.id,
  };
}

export interface OutcomeCandidate {
  original: Original;
  roundTableId: string;
  title: string;
  urgentAt: Date | null;
}

/** The outcomes' texts the viewer may see, through the same rules as their pages (the translators' queue). */
export async function outcomeCandidates(db: Executor, viewer: Principal): Promise<OutcomeCandidate[]> {
  const decisions = await repo.allDecisions(db);
  const withMinutes = await minutesRepo.roundTablesWithMinutes(db);
  const out: OutcomeCandidate[] = [];
  for (const id of [...new Set([...decisions.map((d) => d.roundTableId), ...withMinutes])]) {
    let rt;
    try {
      rt = await loadRoundTable(db, viewer, id);
    } catch {
      continue;
    }
    const base = { roundTableId: id, title: titleOf(rt.rt) };
    const ofRt = decisions.filter((d) => d.roundTableId === id);
    const loaded = await loadFor(db, ofRt, { withProgress: false });
    for (const d of ofRt.filter((x) => decisionVisible(viewer, x, loaded))) {
      out.push({ ...base, original: decisionOriginal(d), urgentAt: null });
      for (const a of loaded.actions.filter((x) => x.decisionId === d.id && x.status !== 'dropped'))
        out.push({ ...base, original: actionOriginal(a), urgentAt: new Date(`${a.dueDate}T00:00:00Z`) });
    }
    const slots = (await agendaSlotsOf(db, id)).filter((s) => s.kind !== 'section');
    for (const m of (await readableMinutes(db, viewer, rt.rt, rt.staff, slots)).values()) {
      if (m.version === 0 || !m.text.trim()) continue;
      out.push({ ...base, original: minutesOriginal({ slotId: m.slotId, language: m.language, text: m.text }), urgentAt: m.commentsUntil });
    }
  }
  return out;
}
