// Outcomes' texts as the translations module sees them: a decision's text and an action item's description,
// for someone who may see them (the round-table viewable, every issue of the decision visible), and whether
// they may translate them (organizers and officials).
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import type { Original } from '../translations/translations.links.js';
import { knowsCompanies, loadRoundTable } from './outcomes.access.js';
import * as repo from './outcomes.repo.js';
import { actionOriginal, decisionOriginal, decisionVisible, issuesOf, loadFor } from './outcomes.views.js';

export interface OutcomeText {
  original: Original;
  mayTranslate: boolean;
  companyVisible: boolean;
  /** The round-table's title (in the first language it has), for the translators' screens. */
  title: string;
  roundTableId: string;
}

const textNotFound = () => notFound('TEXT_NOT_FOUND', 'No such text');

export async function outcomeText(db: Executor, viewer: Principal | null, kind: 'decision' | 'action', id: string): Promise<OutcomeText> {
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
    mayTranslate: viewer?.role === 'organizer' || viewer?.role === 'official',
    companyVisible: knowsCompanies(viewer, issuesOf(decision, loaded)),
    title: rt.titleEn || rt.titleJa || rt.titleZh,
    roundTableId: rt.id,
  };
}
