// RFC 5545 calendars. Times are written in UTC (form #2, "Z"), which every client reads the same way,
// so no VTIMEZONE is needed; the venue zone is named in the description. UID is stable per round-table,
// SEQUENCE is bumped on each reschedule and on cancellation, so calendars update the event in place.
// Written by hand on purpose: we emit one VEVENT shape in UTC (escaping, 75-octet folding, CRLF are a few
// lines here), and the tests parse the output with ical.js, so a generator library would add a runtime
// dependency without removing a rule we must know anyway.
import type { Language } from '../../lib/principal.js';
import type { RoundTableRow } from './roundtables.repo.js';

const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** TEXT escaping (RFC 5545 3.3.11). */
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

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

function vevent(rt: RoundTableRow, lang: Language, pageUrl: string): string[] {
  const location = [rt.venueName, rt.venueRoom, rt.venueAddress].filter(Boolean).join(', ') || (rt.onlineUrl ?? '');
  const description = [descriptionIn(rt, lang), rt.onlineUrl ? `Online: ${rt.onlineUrl}` : '', `Time zone: ${rt.timeZone}`, pageUrl]
    .filter(Boolean)
    .join('\n');
  const status = rt.status === 'cancelled' ? 'CANCELLED' : rt.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED';
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid(rt.id)}`,
    `DTSTAMP:${utc(rt.updatedAt)}`,
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

export function calendar(name: string, rts: RoundTableRow[], lang: Language, pageUrl: (id: string) => string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Roundtable//Round-tables//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
    ...rts.flatMap((rt) => vevent(rt, lang, pageUrl(rt.id))),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
