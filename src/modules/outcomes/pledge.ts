// The pledge arithmetic: due dates are calendar dates in the round-table's zone, never instants,
// so "100 days after" does not drift by an hour across a daylight-saving change or a day when the
// meeting ends after midnight UTC. Pure: `now` is passed in.
import { DateTime } from 'luxon';
import { badRequest } from '../../lib/errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local calendar date of an instant in a zone, e.g. 2026-12-15. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The default due date: the round-table's local start date plus `days` calendar days. */
export function pledgeDueDate(startsAt: Date, zone: string, days: number): string {
  return DateTime.fromJSDate(startsAt, { zone }).startOf('day').plus({ days }).toISODate()!;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** Days left until the due date, counted in the zone's calendar today (negative when past). */
export function daysLeft(dueDate: string, zone: string, now: Date): number {
  return daysBetween(localDate(now, zone), dueDate);
}

const OPEN = new Set(['open', 'in_progress']);

/** Overdue: still open and the due date has passed in the round-table's zone. Derived, never stored. */
export function isOverdue(status: string, dueDate: string, zone: string, now: Date): boolean {
  return OPEN.has(status) && daysLeft(dueDate, zone, now) < 0;
}

/** A real calendar date (2027-02-30 is not), or a 400. */
export function assertDate(value: string, field: string): string {
  const d = DateTime.fromISO(value, { zone: 'UTC' });
  if (!ISO_DATE.test(value) || !d.isValid || d.toISODate() !== value) {
    throw badRequest('INVALID_DATE', `${field}: "${value}" is not a calendar date like 2027-03-15`, { field });
  }
  return value;
}
