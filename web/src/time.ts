// Dates are always shown with their zone, e.g. "2026-12-05 14:00 (Asia/Shanghai, GMT+8)".
import { DateTime } from 'luxon';
import { language } from './i18n/index.js';
import { me } from './session.js';

const LOCALES = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' } as const;

/** An instant in the given IANA zone, labelled with that zone. */
export function formatInstant(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language.value]);
  const offset = dt.toFormat('ZZZZ');
  return `${dt.toLocaleString(DateTime.DATETIME_MED)} (${offset === zone ? zone : `${zone}, ${offset}`})`;
}

/** A calendar date (YYYY-MM-DD, the round-table's zone) in the viewer's language. */
export const formatDate = (date: string) => DateTime.fromISO(date).setLocale(LOCALES[language.value]).toLocaleString(DateTime.DATE_MED);

/** The viewer's own zone as the browser reports it. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone to show times in: the signed-in person's chosen zone, else the browser's. */
export const viewerZone = (): string => me.value?.user.timeZone ?? browserZone();
