// Round-tables' titles and descriptions and agenda items' titles as translatable texts. Each is written in one
// language (`language` of its row): that language's column holds the original. The other languages are
// translation records of the translations module (source language, who, when, current or stale), the one
// path for every translated text; their columns only show the current translation (empty when there is none
// or it went stale), so calendars, e-mails, the live session and older clients keep reading columns.
// Texts given in the other languages' fields of a form are saved as translations by whoever saves the form.
import type { Executor, Tx } from '../../db/client.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { LANGUAGES, type Language, type Principal } from '../../lib/principal.js';
import { allTranslationsOf, writeTranslation, type Original, type TranslationView } from '../translations/translations.links.js';
import { isStaffOf, mayView } from './roundtables.access.js';
import * as agendaRepo from './agenda.repo.js';
import * as repo from './roundtables.repo.js';

export type RoundTableTextKind = 'roundtable' | 'roundtable_description' | 'agenda_item';
type Texts = Record<Language, string>;

const FIELD: Record<RoundTableTextKind, 'title' | 'description'> = { roundtable: 'title', roundtable_description: 'description', agenda_item: 'title' };
const COLUMNS = {
  title: { en: 'titleEn', ja: 'titleJa', zh: 'titleZh' },
  description: { en: 'descriptionEn', ja: 'descriptionJa', zh: 'descriptionZh' },
} as const;

type TitleRow = { titleEn: string; titleJa: string; titleZh: string };
type DescriptionRow = { descriptionEn: string; descriptionJa: string; descriptionZh: string };
export const titlesOf = (r: TitleRow): Texts => ({ en: r.titleEn, ja: r.titleJa, zh: r.titleZh });
export const descriptionsOf = (r: DescriptionRow): Texts => ({ en: r.descriptionEn, ja: r.descriptionJa, zh: r.descriptionZh });

/** A round-table's language: its title's, preferring one in which the description is written too (when it has one). */
export function roundTableLanguage(titles: Texts, descriptions: Texts, current: Language | null, preferred: Language | null): Language {
  const described = LANGUAGES.some((l) => descriptions[l].trim());
  const order = [current, preferred, ...LANGUAGES].filter((l): l is Language => !!l);
  return order.find((l) => titles[l].trim() && (!described || descriptions[l].trim())) ?? sourceLanguageOf(titles, current, preferred);
}

/** The language a text is written in: `current` while its column is not empty, else the first of `preferred`, en, ja, zh that has a text. */
export function sourceLanguageOf(texts: Texts, current: Language | null, preferred: Language | null): Language {
  const order = [current, preferred, ...LANGUAGES].filter((l): l is Language => !!l);
  return order.find((l) => texts[l].trim()) ?? current ?? preferred ?? 'en';
}

export const originalOf = (kind: RoundTableTextKind, textId: string, language: Language, texts: Texts): Original => ({
  kind,
  textId,
  issueId: null,
  language,
  fields: { [FIELD[kind]]: texts[language] },
});

/**
 * Saves the texts given beside the original as translations by `actor` (those that differ from what their
 * column showed before: a column sent back unchanged is no new translation, so an edited original leaves
 * it stale), and returns what each language's column shows now.
 */
export async function recordTranslations(tx: Tx, actor: Principal, original: Original, given: Texts, before: Texts | null): Promise<Texts> {
  const field = Object.keys(original.fields)[0]!;
  for (const l of LANGUAGES) {
    if (l === original.language) continue;
    const text = given[l].trim();
    if (!text || text === (before?.[l] ?? '').trim()) continue;
    if (!(original.fields[field] ?? '').trim())
      throw badRequest('TRANSLATION_FIELDS', `Write the ${field} in ${original.language}, the language of the title, first`, { fields: [field] });
    await writeTranslation(tx, original, l, { [field]: text }, { userId: actor.userId });
  }
  return shownColumns(tx, original);
}

/** Each language's column: the original in its own, the current translation (or nothing) in the others. */
async function shownColumns(db: Executor, original: Original): Promise<Texts> {
  const field = Object.keys(original.fields)[0]!;
  const views = (await allTranslationsOf(db, [original])).get(`${original.kind}:${original.textId}`) ?? new Map<Language, TranslationView>();
  const out = {} as Texts;
  for (const l of LANGUAGES)
    out[l] = l === original.language ? (original.fields[field] ?? '') : views.get(l)?.current ? (views.get(l)!.fields[field] ?? '') : '';
  return out;
}

const columnsOf = (field: 'title' | 'description', texts: Texts) => Object.fromEntries(LANGUAGES.map((l) => [COLUMNS[field][l], texts[l]]));

/** Saves a round-table's texts in other languages than its own as translations (see recordTranslations); the row as its columns show them now. */
export async function translateRoundTableTexts(
  tx: Tx,
  actor: Principal,
  rt: repo.RoundTableRow,
  before: repo.RoundTableRow | null,
): Promise<repo.RoundTableRow> {
  const titles = await recordTranslations(tx, actor, originalOf('roundtable', rt.id, rt.language, titlesOf(rt)), titlesOf(rt), before && titlesOf(before));
  const descriptions = await recordTranslations(
    tx,
    actor,
    originalOf('roundtable_description', rt.id, rt.language, descriptionsOf(rt)),
    descriptionsOf(rt),
    before && descriptionsOf(before),
  );
  const same = LANGUAGES.every((l) => titles[l] === titlesOf(rt)[l] && descriptions[l] === descriptionsOf(rt)[l]);
  return same ? rt : repo.updateRoundTableRow(tx, rt.id, { ...columnsOf('title', titles), ...columnsOf('description', descriptions) });
}

/** The same for agenda items just stored (`before`: the items as they were). */
export async function translateAgendaTitles(tx: Tx, actor: Principal, items: agendaRepo.AgendaItemRow[], before: agendaRepo.AgendaItemRow[]): Promise<void> {
  const previous = new Map(before.map((b) => [b.id, b]));
  for (const item of items) {
    const prev = previous.get(item.id);
    const shown = await recordTranslations(
      tx,
      actor,
      originalOf('agenda_item', item.id, item.language, titlesOf(item)),
      titlesOf(item),
      prev ? titlesOf(prev) : null,
    );
    if (LANGUAGES.some((l) => shown[l] !== titlesOf(item)[l])) await agendaRepo.updateAgendaItem(tx, item.id, columnsOf('title', shown));
  }
}

/**
 * A released agenda is a snapshot; its items' titles in other languages than their own show the translations
 * that are current against the released original (one made after the release too), else what was released.
 */
export async function releasedTitles<T extends TitleRow & { id: string }>(db: Executor, roundTableId: string, items: T[]): Promise<T[]> {
  const languageOf = new Map((await agendaRepo.agendaOf(db, roundTableId)).map((i) => [i.id, i.language]));
  const originals = items.flatMap((i) => {
    const lang = languageOf.get(i.id);
    return lang && titlesOf(i)[lang].trim() ? [originalOf('agenda_item', i.id, lang, titlesOf(i))] : [];
  });
  const views = await allTranslationsOf(db, originals);
  return items.map((i) => {
    const original = originals.find((o) => o.textId === i.id);
    if (!original) return i;
    const shown = { ...titlesOf(i) };
    const mine = [...(views.get(`agenda_item:${i.id}`) ?? new Map<Language, TranslationView>()).values()];
    for (const v of mine) if (v.current && v.language !== original.language) shown[v.language] = v.fields.title ?? shown[v.language];
    const translations = mine.map(({ fields, ...v }) => ({ ...v, text: fields.title ?? '' }));
    return { ...i, ...columnsOf('title', shown), language: original.language, translations };
  });
}

/** After a translation was saved through the translations module: the columns show it (or stop showing a stale one). */
/** Returns the round-table the text belongs to (null if gone). */
export async function refreshTranslatedColumns(tx: Tx, kind: RoundTableTextKind, id: string): Promise<repo.RoundTableRow | null> {
  if (kind === 'agenda_item') {
    const item = await agendaRepo.findAgendaItem(tx, id);
    if (!item) return null;
    const shown = await shownColumns(tx, originalOf(kind, id, item.language, titlesOf(item)));
    await agendaRepo.updateAgendaItem(tx, id, columnsOf('title', shown));
    return repo.findRoundTable(tx, item.roundTableId);
  }
  const rt = await repo.findRoundTable(tx, id);
  if (!rt) return null;
  const field = FIELD[kind];
  const shown = await shownColumns(tx, originalOf(kind, id, rt.language, field === 'title' ? titlesOf(rt) : descriptionsOf(rt)));
  return repo.updateRoundTableRow(tx, id, columnsOf(field, shown));
}

/** A round-table's (or agenda item's) text for someone who may see it (404 TEXT_NOT_FOUND otherwise); staff, organizers and officials translate. */
export async function roundTableText(db: Executor, viewer: Principal | null, kind: RoundTableTextKind, id: string) {
  const textNotFound = () => notFound('TEXT_NOT_FOUND', 'No such text');
  const item = kind === 'agenda_item' ? await agendaRepo.findAgendaItem(db, id) : null;
  if (kind === 'agenda_item' && !item) throw textNotFound();
  const rt = await repo.findRoundTable(db, item ? item.roundTableId : id);
  if (!rt || !mayView(viewer, rt)) throw textNotFound();
  const staff = isStaffOf(viewer, rt) || viewer?.role === 'official';
  if (item) {
    // A draft agenda's items are for staff and officials; others see the slots of the released agenda.
    const released = ((await agendaRepo.latestRelease(db, rt.id))?.items as { id: string }[] | undefined) ?? [];
    if (!staff && !released.some((r) => r.id === item.id)) throw textNotFound();
  }
  const texts = item ? titlesOf(item) : kind === 'roundtable' ? titlesOf(rt) : descriptionsOf(rt);
  // An empty original (a round-table without a description) is no text to translate.
  if (!texts[item ? item.language : rt.language].trim()) throw textNotFound();
  return {
    original: originalOf(kind, id, item ? item.language : rt.language, texts),
    mayTranslate: staff || viewer?.role === 'organizer',
    companyVisible: true,
    title: titlesOf(rt)[rt.language] || rt.titleEn || rt.titleJa || rt.titleZh,
    roundTableId: rt.id,
  };
}

/** The translators' queue: titles, descriptions and agenda items of coming round-tables the viewer may see, by date. */
export async function roundTableCandidates(db: Executor, viewer: Principal) {
  const out = [];
  const now = Date.now();
  for (const rt of await repo.listRoundTableRows(db)) {
    if (!['draft', 'scheduled'].includes(rt.status) || rt.endsAt.getTime() < now || !mayView(viewer, rt)) continue;
    const title = titlesOf(rt)[rt.language] || rt.titleEn || rt.titleJa || rt.titleZh;
    const base = { roundTableId: rt.id, title, urgentAt: rt.startsAt };
    out.push({ ...base, original: originalOf('roundtable', rt.id, rt.language, titlesOf(rt)) });
    if (descriptionsOf(rt)[rt.language].trim()) out.push({ ...base, original: originalOf('roundtable_description', rt.id, rt.language, descriptionsOf(rt)) });
    if (!isStaffOf(viewer, rt) && viewer.role !== 'official') continue;
    for (const item of await agendaRepo.agendaOf(db, rt.id))
      if (titlesOf(item)[item.language].trim()) out.push({ ...base, original: originalOf('agenda_item', item.id, item.language, titlesOf(item)) });
  }
  return out;
}

/** Every translation of a round-table's title and description (the same for every viewer of the round-table: visitors share a cached page). */
export async function roundTableTranslations(db: Executor, rt: repo.RoundTableRow) {
  const list = async (kind: 'roundtable' | 'roundtable_description', texts: Texts) => {
    const original = originalOf(kind, rt.id, rt.language, texts);
    const views = (await allTranslationsOf(db, [original])).get(`${kind}:${rt.id}`) ?? new Map<Language, TranslationView>();
    return [...views.values()].map(({ fields, ...v }) => ({ ...v, text: fields[FIELD[kind]] ?? '' }));
  };
  return { title: await list('roundtable', titlesOf(rt)), description: await list('roundtable_description', descriptionsOf(rt)) };
}
