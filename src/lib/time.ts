// Time helpers. All date arithmetic goes through luxon, in an explicit IANA zone.
import { IANAZone } from 'luxon';

export const DEFAULT_ZONE = 'Asia/Shanghai';

/** True for IANA zone names luxon (and so Intl) knows, e.g. Asia/Tokyo; false for offsets or typos. */
export function isValidZone(zone: string): boolean {
  return zone.includes('/') || zone === 'UTC' ? IANAZone.isValidZone(zone) : false;
}
