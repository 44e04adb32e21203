// The pledge arithmetic: calendar days in the round-table's zone, whatever UTC says.
import t from 'tap';
import { DateTime } from 'luxon';
import { localToInstant } from '../../src/modules/roundtables/roundtables.time.js';
import { daysLeft, isOverdue, pledgeDueDate } from '../../src/modules/outcomes/pledge.js';
import { reminderDue } from '../../src/modules/outcomes/reminders.service.js';

const due = (local: string, zone: string, days = 100) => pledgeDueDate(localToInstant(local, zone, 'start'), zone, days);

t.test('100 calendar days after the local start date, in several zones', async (t) => {
  t.equal(due('2026-12-15T14:00', 'Asia/Shanghai'), '2027-03-25');
  t.equal(due('2026-12-18T10:00', 'Asia/Tokyo'), '2027-03-28', 'Tokyo 10:00 is 01:00 UTC the same day');
  t.equal(due('2026-12-18T08:30', 'Asia/Tokyo'), '2027-03-28', 'Tokyo 08:30 is still the 17th in UTC: the local date counts');
  t.equal(due('2026-12-15T14:00', 'Asia/Shanghai', 30), '2027-01-14', 'pledgeDays is honoured');
});

t.test('America/New_York across the daylight-saving change', async (t) => {
  const start = localToInstant('2026-01-10T23:30', 'America/New_York', 'start');
  t.equal(pledgeDueDate(start, 'America/New_York', 100), '2026-04-20', 'Jan 10 + 100 days, clocks sprang forward on Mar 8');
  // 100 × 24 hours after the instant lands on Apr 21 in New York: adding hours would be a day off.
  const naive = DateTime.fromJSDate(new Date(start.getTime() + 100 * 86_400_000), { zone: 'America/New_York' }).toISODate();
  t.equal(naive, '2026-04-21', 'the naive instant arithmetic would say the 21st');
  t.equal(due('2026-10-20T10:00', 'America/New_York'), '2027-01-28', 'and back across the November change');
});

t.test('a round-table ending after midnight UTC keeps its local date', async (t) => {
  // Shanghai 07:00-09:30 is 23:00-01:30 UTC: the UTC date of the start is the 14th.
  const start = localToInstant('2026-12-15T07:00', 'Asia/Shanghai', 'start');
  t.equal(start.toISOString(), '2026-12-14T23:00:00.000Z');
  t.equal(pledgeDueDate(start, 'Asia/Shanghai', 100), '2027-03-25');
  // New York 19:30 on Nov 20 is 00:30 UTC on Nov 21.
  t.equal(due('2026-11-20T19:30', 'America/New_York'), '2027-02-28');
});

t.test('overdue and days left are derived from today in the zone', async (t) => {
  const lastMinute = new Date('2027-03-25T15:59:00Z'); // 23:59 in Shanghai on the due date
  const nextDay = new Date('2027-03-25T16:00:00Z'); // 00:00 on the 26th in Shanghai
  t.equal(daysLeft('2027-03-25', 'Asia/Shanghai', lastMinute), 0);
  t.equal(isOverdue('open', '2027-03-25', 'Asia/Shanghai', lastMinute), false, 'due today is not overdue');
  t.equal(isOverdue('open', '2027-03-25', 'Asia/Shanghai', nextDay), true);
  t.equal(isOverdue('in_progress', '2027-03-25', 'Asia/Shanghai', nextDay), true);
  t.equal(isOverdue('done', '2027-03-25', 'Asia/Shanghai', nextDay), false, 'a closed action is never overdue');
  t.equal(isOverdue('open', '2027-03-25', 'America/New_York', nextDay), false, 'still the 25th in New York');
});

t.test('reminder kinds', async (t) => {
  const now = new Date('2027-03-18T04:00:00Z'); // Mar 18 in Shanghai
  t.equal(reminderDue('2027-03-26', 'Asia/Shanghai', now), null, '8 days left');
  t.equal(reminderDue('2027-03-25', 'Asia/Shanghai', now), 'due_in_7_days');
  t.equal(reminderDue('2027-03-20', 'Asia/Shanghai', now), 'due_in_7_days');
  t.equal(reminderDue('2027-03-19', 'Asia/Shanghai', now), 'due_tomorrow');
  t.equal(reminderDue('2027-03-18', 'Asia/Shanghai', now), 'due_tomorrow', 'due today: still the last call');
  t.equal(reminderDue('2027-03-17', 'Asia/Shanghai', now), 'overdue');
});
