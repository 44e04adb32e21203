// The one way every page writes a time: src/lib/time-format.ts (shared with the server's calendar
// descriptions) in the UI language and the viewer's zone. Round-table times: the venue's time labelled with
// its city first, then the viewer's when their zone differs; a range writes its date once; the offset only
// where a wall time is ambiguous. The IANA zone is a detail (the `title` of the element), never the label.
import { formatDateIn, formatInstantIn, formatMoment, formatSpan, placeLabel, venueCityIn, type Where } from '../../src/lib/time-format.js';
import { language } from './i18n/index.js';
import { me } from './session.js';

/** The viewer's own zone as the browser reports it. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone to show times in: the signed-in person's chosen zone, else the browser's. */
export const viewerZone = (): string => me.value?.user.timeZone ?? browserZone();

/** A round-table's venue: its zone and its city in the UI language (falling back to any language given). */
export interface Venue {
  timeZone: string;
  venueCityEn?: string | null;
  venueCityJa?: string | null;
  venueCityZh?: string | null;
}

export function venueOf(rt: Venue): Where {
  return { zone: rt.timeZone, city: venueCityIn(rt, language.value) };
}

const options = (rt: Venue) => ({ lang: language.value, venue: venueOf(rt), viewer: { zone: viewerZone() } });

/** A moment of a round-table: "Sat, 5 Dec 2026, 14:00 Tianjin time · 15:00 Japan Standard Time". */
export const venueTime = (iso: string, rt: Venue, withDate = true): string => formatMoment(iso, options(rt), withDate);

/** A round-table's span, its date written once: "Sat, 5 Dec 2026, 14:00–17:00 Tianjin time · …". */
export const venueSpan = (start: string, end: string, rt: Venue, withDate = true): string => formatSpan(start, end, options(rt), withDate);

/** An instant shown in `zone` (history lines, saved-at); labelled with the zone's name unless it is the viewer's own. */
export function formatInstant(iso: string, zone: string, labelled = zone !== viewerZone()): string {
  const text = formatInstantIn(iso, zone, language.value);
  return labelled ? `${text} ${placeLabel({ zone }, language.value, new Date(iso))}` : text;
}

/** A calendar date (YYYY-MM-DD, the round-table's zone) in the viewer's language. */
export const formatDate = (date: string) => formatDateIn(date, language.value);
