// Round-table types as the API returns them. Times are written by web/src/time.ts: the venue time labelled
// with its city and the viewer's time beside it ("14:00 Tianjin time · 15:00 Japan Standard Time").
import { DateTime } from 'luxon';
import type { Language } from '../../api.js';
import { language, localTitleIn, type Titles } from '../../i18n/index.js';
import type { AGENDA_ITEM_KINDS, REGISTRATION_STATUSES, ROUND_TABLE_STATUSES } from '../../../../src/lib/roundtable-vocabulary.js';

export type Status = (typeof ROUND_TABLE_STATUSES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type ItemKind = (typeof AGENDA_ITEM_KINDS)[number];
export const SLOT_KINDS: ItemKind[] = ['opening', 'issue', 'presentation', 'break', 'closing'];

export interface RoundTable {
  id: string;
  status: Status;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  descriptionEn: string;
  descriptionJa: string;
  descriptionZh: string;
  theme: string;
  chairId: string;
  chairName: string;
  host: { nameEn: string; nameJa: string; nameZh: string };
  venueName: string | null;
  venueAddress: string | null;
  venueRoom: string | null;
  venueCityEn: string | null;
  venueCityJa: string | null;
  venueCityZh: string | null;
  onlineUrl: string | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  localEnd: string;
  durationMinutes: number;
  capacity: number;
  seatsPerCompany: number;
  requiresApproval: boolean;
  audience: 'public' | 'registered';
  proposalDeadline: string | null;
  pledgeDays: number;
  cancelReason: string | null;
  sequence: number;
  seatsTaken: number;
  waitlisted: number;
  myRegistration: { id: string; status: RegistrationStatus } | null;
  isStaff: boolean;
  latestRelease: number | null;
  reschedules?: { previousStartsAt: string; startsAt: string; reason: string; createdAt: string }[];
  /** The language the title and description are written in (one round-table's page only). */
  language?: Language;
  /** Every translation of the title and the description (one round-table's page only). */
  translations?: { title: TextTranslation[]; description: TextTranslation[] };
}

export interface AgendaItem {
  id?: string;
  kind: ItemKind;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  presenter: string;
  plannedMinutes: number;
  internalNotes?: string;
  issueIds: string[];
  startsAt?: string;
  localStart?: string;
  items?: AgendaItem[];
  /** Released agendas: the title's language and its translations. */
  language?: Language;
  translations?: TextTranslation[];
}

export interface AgendaIssue {
  id: string;
  title: string;
  category: string;
  visibility: string;
  companyName: string | null;
  company: { nameEn: string; nameJa: string; nameZh: string } | null;
  language: string;
}

export interface ChangelogEntry {
  change: 'added' | 'removed' | 'moved' | 'retimed' | 'renamed';
  itemId: string;
  kind: string;
  titleEn: string;
  titleJa: string;
  titleZh: string;
}

export interface Fit {
  availableMinutes: number;
  plannedMinutes: number;
  overByMinutes: number;
  fits: boolean;
}

export interface Release extends Fit {
  number: number;
  publishedAt: string;
  timeZone: string;
  items: AgendaItem[];
  changelog: ChangelogEntry[];
  issues: AgendaIssue[];
}

export interface Draft extends Fit {
  version: number;
  timeZone: string;
  latestRelease: number | null;
  unpublishedChanges: boolean;
  items: AgendaItem[];
  issues: AgendaIssue[];
}

export interface TextTranslation {
  language: Language;
  translatedFrom: Language;
  current: boolean;
  machine: boolean;
  translatedAt: string;
  text: string;
}

/**
 * The round-table's title or description as an original and its translation into the UI language (for the
 * "translated from … · show original" toggle): the original is the field of the round-table's language.
 */
export function translatedField(rt: RoundTable, field: 'title' | 'description') {
  return translatedText(rt, field, rt.language ?? 'en', rt.translations?.[field] ?? []);
}

/** The same for a released agenda item's title. */
export const translatedTitle = (item: AgendaItem) => translatedText(item, 'title', item.language ?? 'en', item.translations ?? []);

function translatedText(
  x: Partial<Record<'titleEn' | 'titleJa' | 'titleZh' | 'descriptionEn' | 'descriptionJa' | 'descriptionZh', string>>,
  field: 'title' | 'description',
  lang: Language,
  list: TextTranslation[],
) {
  const key = `${field}${lang === 'en' ? 'En' : lang === 'ja' ? 'Ja' : 'Zh'}` as const;
  const tr = list.find((y) => y.language === language.value);
  return {
    original: { [field]: x[key] ?? '' },
    language: lang,
    translation: tr
      ? {
          language: tr.language,
          translatedFrom: tr.translatedFrom,
          current: tr.current,
          machine: tr.machine,
          translatedAt: tr.translatedAt,
          fields: { [field]: tr.text },
        }
      : null,
  };
}

/** A title (or description) in the current language, falling back to any language that has one. */
export const localText = (x: Titles): string => localTitleIn(x).text;
export function localDescription(x: { descriptionEn: string; descriptionJa: string; descriptionZh: string }): string {
  const byLang = { en: x.descriptionEn, ja: x.descriptionJa, zh: x.descriptionZh }[language.value];
  return byLang || x.descriptionEn || x.descriptionZh || x.descriptionJa;
}

/** A round-table time in the one shared format (web/src/time.ts): venue city first, the viewer's time beside it. */
export { venueTime as dualTime, venueSpan } from '../../time.js';

/** Local wall time for a datetime-local input ("2026-12-05T14:00"). */
export const toLocalInput = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
