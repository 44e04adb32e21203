// Round-table types as the API returns them, and how their times are shown: the venue time and the
// viewer's time side by side, each labelled with its zone ("14:00 Shanghai (GMT+8) · 15:00 Tokyo (GMT+9)").
import { DateTime } from 'luxon';
import { language } from '../../i18n/index.js';
import { me } from '../../session.js';
import { browserZone } from '../../time.js';

export type Status = 'draft' | 'scheduled' | 'live' | 'concluded' | 'cancelled';
export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected';
export type ItemKind = 'section' | 'opening' | 'issue' | 'presentation' | 'break' | 'closing';
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
}

export interface AgendaIssue {
  id: string;
  title: string;
  category: string;
  visibility: string;
  companyName: string | null;
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

/** A title (or description) in the current language, falling back to any language that has one. */
export function localText(x: { titleEn: string; titleJa: string; titleZh: string }): string {
  const byLang = { en: x.titleEn, ja: x.titleJa, zh: x.titleZh }[language.value];
  return byLang || x.titleEn || x.titleZh || x.titleJa;
}
export function localDescription(x: { descriptionEn: string; descriptionJa: string; descriptionZh: string }): string {
  const byLang = { en: x.descriptionEn, ja: x.descriptionJa, zh: x.descriptionZh }[language.value];
  return byLang || x.descriptionEn || x.descriptionZh || x.descriptionJa;
}

const LOCALES = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' } as const;

/** The viewer's zone: their profile's when signed in, the browser's otherwise. */
export const viewerZone = (): string => me.value?.user.timeZone ?? browserZone();

/** "Shanghai (GMT+8)": the zone's city and its offset name at that instant. */
export function zoneLabel(iso: string, zone: string): string {
  const city = zone.split('/').pop()!.replace(/_/g, ' ');
  const dt = DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language.value]);
  return `${city} (${dt.toFormat('ZZZZ')})`;
}

function clock(iso: string, zone: string, withDate: boolean): string {
  const dt = DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language.value]);
  return withDate ? `${dt.toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY)} ${dt.toFormat('HH:mm')}` : dt.toFormat('HH:mm');
}

/** "14:00 Shanghai (GMT+8) · 15:00 Tokyo (GMT+9)"; one labelled time when the viewer is in the venue zone. */
export function dualTime(iso: string, venueZone: string, withDate = false): string {
  const viewer = viewerZone();
  const venue = `${clock(iso, venueZone, withDate)} ${zoneLabel(iso, venueZone)}`;
  if (viewer === venueZone) return venue;
  const viewerDate = withDate && DateTime.fromISO(iso, { zone: viewer }).toISODate() !== DateTime.fromISO(iso, { zone: venueZone }).toISODate();
  return `${venue} · ${clock(iso, viewer, viewerDate)} ${zoneLabel(iso, viewer)}`;
}

/** Local wall time for a datetime-local input ("2026-12-05T14:00"). */
export const toLocalInput = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
