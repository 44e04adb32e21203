// Translations of user-written texts: read a text's translations, add or replace one, the translators' queue,
// and machine translation through the extension point (translations.machine.ts). Which texts exist and who
// may see or translate them is the owning module's rule (issues.links); this module keeps the translations.
import type { Db, Executor, Tx } from '../../db/client.js';
import { conflict, forbidden } from '../../lib/errors.js';
import { isOrganizerOrOfficial, LANGUAGES, type Language, type Principal } from '../../lib/principal.js';
import { translatableText, translationCandidates, type QueueCandidate } from '../issues/issues.links.js';
import { outcomeCandidates, outcomeText } from '../outcomes/outcomes.links.js';
import { isStaffOf } from '../roundtables/roundtables.access.js';
import { findRoundTableRecord, roundTableCandidates, roundTableText, syncTranslatedColumns } from '../roundtables/roundtables.links.js';
import { sourceHashOf, TRANSLATED_FIELDS, viewOf, writeTranslation, type Original, type TranslationKind } from './translations.links.js';
import { machineTranslator } from './translations.machine.js';
import * as repo from './translations.repo.js';

/** The original of a text from the module that owns it, if the viewer may see it (404 TEXT_NOT_FOUND otherwise). */
async function textOf(db: Executor, actor: Principal | null, kind: TranslationKind, id: string) {
  if (kind === 'decision' || kind === 'action' || kind === 'minutes') return outcomeText(db, actor, kind, id);
  if (kind === 'roundtable' || kind === 'roundtable_description' || kind === 'agenda_item') return roundTableText(db, actor, kind, id);
  const text = await translatableText(db, actor, kind, id);
  return { ...text, title: text.issueTitle, roundTableId: null };
}

/** As textOf, for a translator of it (403 TRANSLATION_NOT_ALLOWED otherwise). */
async function textToTranslate(db: Executor, actor: Principal, kind: TranslationKind, id: string) {
  const text = await textOf(db, actor, kind, id);
  if (!text.mayTranslate) throw forbidden('Only organizers, officials and the author company translate this text', 'TRANSLATION_NOT_ALLOWED');
  return text;
}

/** A text's original and its translations, for anyone who may see the text (translators are named only where the company may be). */
export async function listTranslations(db: Executor, actor: Principal | null, kind: TranslationKind, id: string) {
  const text = await textOf(db, actor, kind, id);
  const rows = await repo.translationsWithTranslator(db, kind, id);
  const { original } = text;
  return {
    kind,
    id,
    issueId: original.issueId,
    roundTableId: text.roundTableId,
    title: text.title,
    original: { language: original.language, fields: original.fields, sourceHash: sourceHashOf(original.language, kind, original.fields) },
    mayTranslate: text.mayTranslate,
    translations: rows.map(({ row, translatorName, translatorRole }) => ({
      ...viewOf(row, original),
      id: row.id,
      // A company's own translation of an anonymous issue would name the company through its translator.
      translatorName: translatorRole === 'company_rep' && !text.companyVisible ? null : (translatorName ?? null),
      createdAt: row.createdAt,
    })),
  };
}

/**
 * Adds or replaces the translation into `language`. `basedOn` is the original's sourceHash the translator
 * worked from: if the original changed meanwhile, the translation is kept but stored as stale.
 */
export async function saveTranslation(
  db: Db,
  actor: Principal,
  kind: TranslationKind,
  id: string,
  language: string,
  fields: Record<string, string>,
  basedOn?: string,
) {
  await db.transaction(async (tx) => {
    const text = await textToTranslate(tx, actor, kind, id);
    const row = await writeTranslation(tx, text.original, language, fields, { userId: actor.userId });
    if (basedOn && basedOn !== row.sourceHash) await repo.markStale(tx, row.id, basedOn);
    await afterWrite(tx, kind, id, actor);
  });
  return listTranslations(db, actor, kind, id);
}

/** Round-tables and agenda items show their current translations in per-language columns too (see roundtables.translatable). */
async function afterWrite(tx: Tx, kind: TranslationKind, id: string, actor: Principal) {
  if (kind === 'roundtable' || kind === 'roundtable_description' || kind === 'agenda_item') await syncTranslatedColumns(tx, kind, id, actor.userId);
}

/** Machine translation through the registered translator (none ships): 409 MACHINE_TRANSLATION_UNAVAILABLE without one. */
export async function machineTranslate(db: Db, actor: Principal, kind: TranslationKind, id: string, language: Language) {
  const translator = machineTranslator();
  if (!translator) throw conflict('MACHINE_TRANSLATION_UNAVAILABLE', 'No machine translation is set up');
  const text = await textToTranslate(db, actor, kind, id);
  const fields = await translator.translate({ fields: text.original.fields, from: text.original.language, to: language });
  await db.transaction(async (tx) => {
    const fresh = await textToTranslate(tx, actor, kind, id);
    const row = await writeTranslation(tx, fresh.original, language, fields, { userId: null, machine: true });
    const hash = sourceHashOf(text.original.language, kind, text.original.fields);
    if (hash !== row.sourceHash) await repo.markStale(tx, row.id, hash);
    await afterWrite(tx, kind, id, actor);
  });
  return listTranslations(db, actor, kind, id);
}

const URGENCY_ORDER: Record<QueueCandidate['urgency'], number> = { review: 0, roundtable: 1, follow_up: 2 };

/**
 * Texts lacking a current translation into a language their readers use (or into `only`), most urgent first:
 * issues waiting for review (oldest first), then texts of coming round-tables (soonest first: issues on their
 * agenda, their titles, descriptions and agenda items), then the rest (outcomes: circulated minutes by their
 * comment deadline, action items by their due date). Each owning module says which texts the viewer may see.
 */
export async function translationQueue(db: Executor, actor: Principal, only?: Language) {
  if (!isOrganizerOrOfficial(actor)) throw forbidden('The translation queue is for organizers and officials', 'TRANSLATION_NOT_ALLOWED');
  const needed = only ? [only] : (await repo.readerLanguages(db)).filter((l) => LANGUAGES.includes(l));
  const issueTexts = await translationCandidates(db, actor);
  const dates = new Map<string, Date | null>();
  for (const id of new Set(issueTexts.flatMap((c) => (c.roundTableId ? [c.roundTableId] : [])))) {
    const rt = await findRoundTableRecord(db, id);
    // The date of a draft agenda's round-table is for its staff and officials only.
    dates.set(id, rt && (actor.role === 'official' || isStaffOf(actor, rt)) ? rt.startsAt : null);
  }
  type Urgency = QueueCandidate['urgency'];
  const candidates: { original: Original; issueId: string | null; roundTableId: string | null; title: string; urgency: Urgency; urgentAt: Date | null }[] = [
    ...issueTexts.map((c) => {
      const roundTableDate = c.roundTableId ? (dates.get(c.roundTableId) ?? null) : null;
      const urgency: Urgency = c.urgency === 'roundtable' && !roundTableDate ? 'follow_up' : c.urgency;
      return {
        original: c.original,
        issueId: c.original.issueId,
        roundTableId: null,
        title: c.issueTitle,
        urgency,
        urgentAt: urgency === 'roundtable' ? roundTableDate : c.urgentAt,
      };
    }),
    ...(await roundTableCandidates(db, actor)).map((c) => ({ ...c, issueId: null, urgency: 'roundtable' as const })),
    ...(await outcomeCandidates(db, actor)).map((c) => ({ ...c, issueId: null, urgency: 'follow_up' as const })),
  ];
  const out = [];
  for (const kind of Object.keys(TRANSLATED_FIELDS) as TranslationKind[]) {
    const ofKind = candidates.filter((c) => c.original.kind === kind);
    const rows = await repo.translationsOf(
      db,
      kind,
      ofKind.map((c) => c.original.textId),
    );
    for (const c of ofKind) {
      const mine = rows.filter((r) => r.textId === c.original.textId);
      const targets = needed.filter((l) => l !== c.original.language);
      const views = new Map(mine.map((r) => [r.targetLanguage, viewOf(r, c.original)]));
      const missing = targets.filter((l) => !views.has(l));
      const stale = targets.filter((l) => views.get(l)?.current === false);
      if (!missing.length && !stale.length) continue;
      const firstField = TRANSLATED_FIELDS[kind].map((f) => c.original.fields[f] ?? '').find((v) => v) ?? '';
      out.push({
        kind,
        id: c.original.textId,
        issueId: c.issueId,
        roundTableId: c.roundTableId,
        title: c.title,
        sourceLanguage: c.original.language,
        missing,
        stale,
        urgency: c.urgency,
        urgentAt: c.urgentAt,
        excerpt: firstField.slice(0, 160),
      });
    }
  }
  const time = (d: Date | null) => (d ? new Date(d).getTime() : Number.MAX_SAFE_INTEGER);
  return out.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || time(a.urgentAt) - time(b.urgentAt) || a.id.localeCompare(b.id));
}
