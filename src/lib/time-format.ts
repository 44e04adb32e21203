// The one way to write a time, for the web client (web/src/time.ts wraps it with the UI language and
// the viewer's zone) and for server-rendered texts (calendar descriptions). Pure: luxon and Intl only.
//
//   venue time first, labelled with the venue's city ("14:00 Tianjin time"), then the viewer's time when
//   their zone differs ("· 15:00 Japan Time"); a range writes its date once ("Sat, 5 Dec 2026, 14:00–16:00");
//   the UTC offset is added only where a wall time is ambiguous (01:00 happens twice on a night the clocks
//   go back: "01:00 UTC-04:00"). The IANA zone is never the label, only a detail (a tooltip, a line in a
//   calendar description).
import { DateTime } from 'luxon';

export type TimeLanguage = 'en' | 'ja' | 'zh';
export const LOCALES: Record<TimeLanguage, string> = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' };

/** "{city} time" in each language, for a venue with a known city. */
const CITY_TIME: Record<TimeLanguage, (city: string) => string> = {
  en: (city) => `${city} time`,
  ja: (city) => `${city}時間`,
  zh: (city) => `${city}时间`,
};

export interface Where {
  /** IANA zone, e.g. Asia/Shanghai. */
  zone: string;
  /** The city in the reader's language (the venue's), or null to name the zone the way Intl does ("Japan Time"). */
  city?: string | null | undefined;
}

export interface TimeFormatOptions {
  lang: TimeLanguage;
  venue: Where;
  /** The reader's zone; nothing more is written when it equals the venue's (or is unknown). */
  viewer?: Where | null | undefined;
}

const at = (iso: string | Date, zone: string, lang: TimeLanguage) =>
  (typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone })).setLocale(LOCALES[lang]);

/** The zone's localized generic name ("China Standard Time", "日本時間", "北美东部时间"). */
export function zoneName(zone: string, lang: TimeLanguage, when: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(when);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

/** The short label of a place: its city's time when the city is known, else the zone's localized name. */
export function placeLabel(where: Where, lang: TimeLanguage, when?: Date): string {
  return where.city ? CITY_TIME[lang](where.city) : zoneName(where.zone, lang, when);
}

/** True when this wall-clock time happens twice in the zone (clocks going back), so the offset must be shown. */
export function isAmbiguous(dt: DateTime): boolean {
  const wall = DateTime.fromObject({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute }, { zone: dt.zone });
  return wall.getPossibleOffsets().length > 1;
}

const clock = (dt: DateTime) => (isAmbiguous(dt) ? `${dt.toFormat('HH:mm')} UTC${dt.toFormat('ZZ')}` : dt.toFormat('HH:mm'));
const day = (dt: DateTime) => dt.toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY);

/** One side (venue or viewer) of a moment or range, e.g. "Sat, 5 Dec 2026, 14:00–16:00 Tianjin time". */
function side(start: DateTime, end: DateTime | null, label: string, withDate: boolean): string {
  const sep = start.locale?.startsWith('en') ? ', ' : ' ';
  const first = withDate ? `${day(start)}${sep}${clock(start)}` : clock(start);
  if (!end) return `${first} ${label}`;
  const sameDay = end.toISODate() === start.toISODate();
  const last = sameDay ? clock(end) : `${day(end)}${sep}${clock(end)}`;
  return `${first}–${last} ${label}`;
}

function write(start: string | Date, end: string | Date | null, opts: TimeFormatOptions, withDate: boolean): string {
  const { lang, venue, viewer } = opts;
  const when = new Date(typeof start === 'string' ? start : start.getTime());
  const vStart = at(start, venue.zone, lang);
  const vEnd = end === null ? null : at(end, venue.zone, lang);
  const venueText = side(vStart, vEnd, placeLabel(venue, lang, when), withDate);
  if (!viewer || viewer.zone === venue.zone) return venueText;
  const wStart = at(start, viewer.zone, lang);
  const wEnd = end === null ? null : at(end, viewer.zone, lang);
  // The viewer's date only when it is not the venue's (a call at 09:00 in Tokyo is 19:00 the day before in New York).
  const viewerDate = withDate && wStart.toISODate() !== vStart.toISODate();
  const same = wStart.toFormat('HH:mm') === vStart.toFormat('HH:mm') && !viewerDate && wStart.offset === vStart.offset;
  if (same) return venueText;
  return `${venueText} · ${side(wStart, wEnd, placeLabel(viewer, lang, when), viewerDate)}`;
}

/** A moment: "Sat, 5 Dec 2026, 14:00 Tianjin time · 15:00 Japan Time" (the date only with `withDate`). */
export function formatMoment(iso: string | Date, opts: TimeFormatOptions, withDate = true): string {
  return write(iso, null, opts, withDate);
}

/** A range, its date written once: "Sat, 5 Dec 2026, 14:00–16:00 Tianjin time · 15:00–17:00 Japan Time". */
export function formatSpan(start: string | Date, end: string | Date, opts: TimeFormatOptions, withDate = true): string {
  return write(start, end, opts, withDate);
}

/** A plain instant in one zone (a history line, a saved-at): "5 Dec 2026, 14:00", offset only when ambiguous. */
export function formatInstantIn(iso: string | Date, zone: string, lang: TimeLanguage): string {
  const dt = at(iso, zone, lang);
  const sep = lang === 'en' ? ', ' : ' ';
  return `${dt.toLocaleString(DateTime.DATE_MED)}${sep}${clock(dt)}`;
}

/** A calendar date (YYYY-MM-DD, in the round-table's zone) in the reader's language: "5 Dec 2026", "2026年12月5日". */
export function formatDateIn(date: string, lang: TimeLanguage): string {
  const dt = DateTime.fromISO(date).setLocale(LOCALES[lang]);
  return dt.isValid ? dt.toLocaleString(DateTime.DATE_MED) : date;
}

/** A venue's city in the reader's language, else in any language given (en, zh, ja), else null (the zone's name labels it). */
export function venueCityIn(v: { venueCityEn?: unknown; venueCityJa?: unknown; venueCityZh?: unknown }, lang: TimeLanguage): string | null {
  const name = (x: unknown) => (typeof x === 'string' && x.trim() ? x : null);
  const byLang = { en: v.venueCityEn, ja: v.venueCityJa, zh: v.venueCityZh }[lang];
  return name(byLang) ?? name(v.venueCityEn) ?? name(v.venueCityZh) ?? name(v.venueCityJa);
}

/** A wall-clock time in the zone with its offset, e.g. 2026-12-05T14:00+08:00 (the API's localStart). */
export function localWithOffset(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
}
