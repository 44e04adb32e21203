// RFC 5545 calendars. Times are written in UTC (form #2, "Z"), which every client reads the same way,
// so no VTIMEZONE is needed; the venue zone is named in the description. UID is stable per round-table,
// SEQUENCE is bumped on each reschedule and on cancellation, so calendars update the event in place.
// Written by hand on purpose: we emit one VEVENT shape in UTC (escaping, 75-octet folding, CRLF are a few
// lines here), and the tests parse the output with ical.js, so a generator library would add a runtime
// dependency without removing a rule we must know anyway.
import { text as say } from '../../lib/i18n.js';
import type { Language } from '../../lib/principal.js';
import { formatSpan, venueCityIn } from '../../lib/time-format.js';
import type { RoundTableRow } from './roundtables.repo.js';

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT escaping (RFC 5545 3.3.11). Line breaks of any kind become \n; other control characters
 * (a bare CR, BEL, ...) are not allowed in a content line and are dropped. */
const text = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export const eventUid = (id: string) => `roundtable-${id}@roundtable.app`;

function titleIn(rt: RoundTableRow, lang: Language) {
  const byLang = { en: rt.titleEn, ja: rt.titleJa, zh: rt.titleZh }[lang];
  return byLang || rt.titleEn || rt.titleZh || rt.titleJa;
}
function descriptionIn(rt: RoundTableRow, lang: Language) {
  const byLang = { en: rt.descriptionEn, ja: rt.descriptionJa, zh: rt.descriptionZh }[lang];
  return byLang || rt.descriptionEn || rt.descriptionZh || rt.descriptionJa;
}

/** A round-table in a calendar; `tentative` when the reader only waits for a seat (pending or waitlisted). */
export interface CalendarEntry {
  rt: RoundTableRow;
  tentative?: boolean;
}

/** What a calendar shows besides the times it converts itself: the text, then the time written the one way
 * (venue city first, the reader's zone beside it when known; lib/time-format.ts), the link, the IANA zone. */
function descriptionOf(rt: RoundTableRow, lang: Language, pageUrl: string, readerZone: string | null) {
  const time = formatSpan(rt.startsAt, rt.endsAt, {
    lang,
    venue: { zone: rt.timeZone, city: venueCityIn(rt, lang) },
    viewer: readerZone ? { zone: readerZone } : null,
  });
  return [
    descriptionIn(rt, lang),
    say(lang, 'ics.when', { time }),
    rt.onlineUrl ? say(lang, 'ics.online', { url: rt.onlineUrl }) : '',
    say(lang, 'ics.zone', { zone: rt.timeZone }),
    pageUrl,
  ]
    .filter(Boolean)
    .join('\n');
}

function vevent({ rt, tentative }: CalendarEntry, lang: Language, pageUrl: string, stamp: Date, readerZone: string | null): string[] {
  const location = [rt.venueName, rt.venueRoom, rt.venueAddress].filter(Boolean).join(', ') || (rt.onlineUrl ?? '');
  const description = descriptionOf(rt, lang, pageUrl, readerZone);
  const status = rt.status === 'cancelled' ? 'CANCELLED' : rt.status === 'draft' || tentative ? 'TENTATIVE' : 'CONFIRMED';
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid(rt.id)}`,
    // DTSTAMP is when this file was generated (RFC 5545 3.8.7.2); LAST-MODIFIED is the event's own change.
    `DTSTAMP:${utc(stamp)}`,
    `LAST-MODIFIED:${utc(rt.updatedAt)}`,
    `SEQUENCE:${rt.sequence}`,
    `DTSTART:${utc(rt.startsAt)}`,
    `DTEND:${utc(rt.endsAt)}`,
    `SUMMARY:${text(titleIn(rt, lang))}`,
    `DESCRIPTION:${text(description)}`,
    ...(location ? [`LOCATION:${text(location)}`] : []),
    `URL:${rt.onlineUrl ?? pageUrl}`,
    `STATUS:${status}`,
    'END:VEVENT',
  ];
}

/** `readerZone`: the reader's own zone when known (a signed-in viewer, a feed's owner), written beside the venue's. */
export function calendar(
  name: string,
  entries: CalendarEntry[],
  lang: Language,
  pageUrl: (id: string) => string,
  now = new Date(),
  readerZone: string | null = null,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Roundtable//Round-tables//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
    ...entries.flatMap((entry) => vevent(entry, lang, pageUrl(entry.rt.id), now, readerZone)),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
