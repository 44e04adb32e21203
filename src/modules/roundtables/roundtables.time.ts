// Local wall-clock times in a round-table's zone <-> instants. A local time that does not exist
// (skipped by a daylight-saving jump) or exists twice (repeated when clocks go back) is refused:
// guessing would put the meeting an hour off for someone.
import { DateTime } from 'luxon';
import { badRequest } from '../../lib/errors.js';
import { LOCAL_DATE_TIME } from '../../lib/schemas.js';
import { isValidZone } from '../../lib/time.js';

export function assertZone(zone: string): void {
  if (!isValidZone(zone)) throw badRequest('INVALID_TIME_ZONE', `Unknown time zone "${zone}"; use an IANA name such as Asia/Shanghai`, { zone });
}

/** A valid zone in its canonical spelling (`asia/shanghai` -> `Asia/Shanghai`), so equal zones compare equal. */
export function canonicalZone(zone: string): string {
  assertZone(zone);
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** The longest a round-table may last. */
export const MAX_DURATION_MINUTES = 24 * 60;

/** The one instant a local date-time names in `zone`, or a 400 saying why there is not exactly one. */
export function localToInstant(local: string, zone: string, field: string): Date {
  assertZone(zone);
  const wall = DateTime.fromISO(local, { zone: 'UTC' });
  if (!wall.isValid || !new RegExp(LOCAL_DATE_TIME).test(local)) {
    throw badRequest('INVALID_LOCAL_TIME', `${field}: "${local}" is not a local date-time like 2026-12-05T14:00`, { field, value: local });
  }
  // Round-tables are planned to the minute: a time with seconds is a client mistake, not a plan.
  if (local.length > 16) throw badRequest('TIME_NOT_WHOLE_MINUTE', `${field}: give the time to the minute, like 2026-12-05T14:00`, { field });
  // luxon moves a wall time that a daylight-saving jump skips forward (so it no longer reads the same),
  // and getPossibleOffsets() lists both instants of a wall time repeated when clocks go back.
  const inZone = DateTime.fromISO(local, { zone });
  const skipped = inZone.toFormat("yyyy-MM-dd'T'HH:mm:ss") !== wall.toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const distinct = skipped ? [] : inZone.getPossibleOffsets().map((dt) => dt.toMillis());
  if (distinct.length === 0) {
    throw badRequest('LOCAL_TIME_NONEXISTENT', `${field}: ${local} does not exist in ${zone} (clocks jump forward then)`, { field, zone, value: local });
  }
  if (distinct.length > 1) {
    throw badRequest('LOCAL_TIME_AMBIGUOUS', `${field}: ${local} happens twice in ${zone} (clocks go back then); pick another time`, {
      field,
      zone,
      value: local,
    });
  }
  return new Date(distinct[0]!);
}

/** The wall-clock time of an instant in a zone, e.g. 2026-12-05T14:00. */
export function instantToLocal(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Real elapsed minutes between two instants (daylight-saving changes included). */
export const minutesBetween = (start: Date, end: Date): number => Math.round((end.getTime() - start.getTime()) / 60_000);
