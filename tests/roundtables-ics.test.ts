// Calendar output read back by a real iCalendar parser (ical.js), field by field.
import t from 'tap';
import ICAL from 'ical.js';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const attendee = await signIn(app, 'attendee3');
const anonymous = stranger(app);

function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) })) };
}

const description = 'Line one, with commas; semicolons\nand a second line — 中文 and 日本語 text long enough to need folding at seventy-five octets';

t.test('one round-table as .ics: UID, SEQUENCE, times, venue, link, status', async (t) => {
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Cross-border e-commerce',
      titleZh: '跨境电商圆桌会议',
      descriptionEn: description,
      start: '2027-12-05T14:00',
      end: '2027-12-05T17:30',
      capacity: 20,
      venueName: 'Tianjin Binhai Guest House',
      venueRoom: 'Hall 2',
      venueAddress: '1 Haihe Road, Tianjin',
      venueCityEn: 'Tianjin',
      venueCityJa: '天津',
      venueCityZh: '天津',
      onlineUrl: 'https://meet.example/rt-1',
    })
  ).json();
  t.equal((await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics`)).statusCode, 404, 'drafts have no calendar entry');
  await official.post(`/api/round-tables/${rt.id}/publish`);

  const res = await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/calendar; charset=utf-8/);
  t.ok(
    res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
    'lines folded at 75 octets',
  );
  const { calendar, events } = parse(res.body);
  t.equal(calendar.getFirstPropertyValue('version'), '2.0');
  t.ok(calendar.getFirstPropertyValue('prodid'));
  t.equal(events.length, 1);
  const { v, e } = events[0]!;
  t.equal(e.uid, `roundtable-${rt.id}@roundtable.app`);
  t.equal(e.sequence, 0);
  t.equal(e.summary, 'Cross-border e-commerce');
  t.equal(e.description.split('\n')[0], 'Line one, with commas; semicolons', 'escaping survives the round trip');
  t.match(e.description, /中文 and 日本語 text long enough/, 'folding never splits a character');
  t.match(e.description, /Online: https:\/\/meet.example\/rt-1/);
  t.match(e.description, /Asia\/Shanghai/);
  t.equal(e.location, 'Tianjin Binhai Guest House, Hall 2, 1 Haihe Road, Tianjin');
  t.equal(v.getFirstPropertyValue('url'), 'https://meet.example/rt-1');
  t.equal(v.getFirstPropertyValue('status'), 'CONFIRMED');
  t.equal(e.startDate.toJSDate().toISOString(), '2027-12-05T06:00:00.000Z', '14:00 in Tianjin');
  t.equal(e.endDate.toJSDate().toISOString(), '2027-12-05T09:30:00.000Z');
  t.equal(e.startDate.zone.tzid, 'UTC');
  t.ok(v.getFirstPropertyValue('dtstamp'));

  t.match(e.description, /When: Sun, 5 Dec 2027, 14:00–17:30 Tianjin time/, 'the time written the one way: venue city, date once');

  const zh = parse((await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics?lang=zh`)).body);
  t.equal(zh.events[0]!.e.summary, '跨境电商圆桌会议', 'the title in the asked language');
  t.match(zh.events[0]!.e.description, /时间：2027年12月5日周日 14:00–17:30 天津时间/);
  t.match(zh.events[0]!.e.description, /时区：Asia\/Shanghai/);
  // Accept-Language chooses when ?lang= does not; a signed-in reader in another zone gets their time beside it.
  const ja = parse((await anonymous.request('GET', `/api/round-tables/${rt.id}/calendar.ics`, undefined, { 'accept-language': 'ja,en;q=0.5' })).body);
  t.match(ja.events[0]!.e.description, /日時：2027年12月5日\(日\) 14:00–17:30 天津時間/);
  t.match(ja.events[0]!.e.description, /オンライン：https:\/\/meet.example\/rt-1/);

  await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: '2027-12-06T09:00', end: '2027-12-06T11:00' });
  const moved = parse((await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics`)).body).events[0]!.e;
  t.equal(moved.uid, e.uid, 'UID stays');
  t.equal(moved.sequence, 1, 'SEQUENCE bumped by the reschedule');
  t.equal(moved.startDate.toJSDate().toISOString(), '2027-12-06T01:00:00.000Z');

  await official.post(`/api/round-tables/${rt.id}/cancel`, { reason: 'Postponed' });
  const cancelled = parse((await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics`)).body).events[0]!;
  t.equal(cancelled.v.getFirstPropertyValue('status'), 'CANCELLED');
  t.equal(cancelled.e.sequence, 2);
});

t.test('personal feed: registered and chaired round-tables at a secret, revocable URL', async (t) => {
  const make = async (title: string, date: string, extra: Record<string, unknown> = {}) => {
    const rt = (
      await official.post('/api/round-tables', {
        titleEn: title,
        start: `${date}T10:00`,
        end: `${date}T12:00`,
        capacity: 5,
        venueName: `Feed ${date}`,
        ...extra,
      })
    ).json();
    await official.post(`/api/round-tables/${rt.id}/publish`);
    return rt.id as string;
  };
  const registered = await make('Registered one', '2027-12-10', { timeZone: 'America/New_York' });
  await make('Not registered', '2027-12-11');
  await attendee.post(`/api/round-tables/${registered}/registration`);

  t.equal((await anonymous.post('/api/me/calendar-feed')).statusCode, 401);
  const { url } = (await attendee.post('/api/me/calendar-feed')).json();
  t.match(url, /^http:\/\/localhost:3000\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  const path = new URL(url).pathname;
  const feed = await anonymous.get(path);
  t.equal(feed.statusCode, 200);
  t.equal(feed.headers['cache-control'], 'private, no-store');
  const { calendar, events } = parse(feed.body);
  t.equal(calendar.getFirstPropertyValue('x-wr-calname'), 'Roundtable: Jordan Miller');
  const summaries = events.map(({ e }) => e.summary);
  t.ok(summaries.includes('Registered one'), 'a round-table they registered for');
  t.notOk(summaries.includes('Not registered'), 'nothing else');
  const mine = events.find(({ e }) => e.summary === 'Registered one')!.e;
  t.equal(mine.startDate.toJSDate().toISOString(), '2027-12-10T15:00:00.000Z', '10:00 EST');

  const chair = (await official.post('/api/me/calendar-feed')).json();
  const chaired = parse((await anonymous.get(new URL(chair.url).pathname)).body).events.map(({ e }) => e.summary);
  t.ok(chaired.includes('Registered one') && chaired.includes('Not registered'), 'the chair sees what they chair');

  const rotated = (await attendee.post('/api/me/calendar-feed')).json();
  t.equal((await anonymous.get(path)).statusCode, 404, 'a new URL revokes the old one');
  t.equal((await anonymous.get(new URL(rotated.url).pathname)).statusCode, 200);
  t.equal((await attendee.delete('/api/me/calendar-feed')).statusCode, 200);
  t.equal((await anonymous.get(new URL(rotated.url).pathname)).statusCode, 404, 'revoked');
  t.equal((await anonymous.get('/api/calendar/short.ics')).statusCode, 400);
});

t.test('every line is valid RFC 5545: control characters in user text are removed or escaped', async (t) => {
  const rt = (
    await official.post('/api/round-tables', {
      titleEn: 'Bell\u0007 and bare\rreturn',
      descriptionEn: 'Tab\there, form\u000cfeed, CRLF\r\nline',
      start: '2027-12-20T10:00',
      end: '2027-12-20T12:00',
      capacity: 5,
      venueName: 'Control hall',
    })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  const body = (await anonymous.get(`/api/round-tables/${rt.id}/calendar.ics`)).body;
  const lines = body.split('\r\n').slice(0, -1);
  t.same(
    // eslint-disable-next-line no-control-regex -- looking for the control characters RFC 5545 forbids
    lines.filter((l) => /[\u0000-\u0008\u000a-\u001f\u007f]/.test(l)),
    [],
    'no control character but HTAB inside a line',
  );
  const { e } = parse(body).events[0]!;
  t.equal(e.summary, 'Bell and bare\nreturn', 'BEL dropped, a bare CR becomes a line break');
  t.match(e.description, /^Tab\there, formfeed, CRLF\nline/);
});

t.test('waiting for a seat is TENTATIVE, a seat CONFIRMED; DTSTAMP is when the file was made', async (t) => {
  const rt = (
    await official.post('/api/round-tables', { titleEn: 'One seat', start: '2027-12-21T10:00', end: '2027-12-21T12:00', capacity: 1, venueName: 'Seat hall' })
  ).json();
  await official.post(`/api/round-tables/${rt.id}/publish`);
  const first = await signIn(app, 'attendee1');
  t.equal((await first.post(`/api/round-tables/${rt.id}/registration`)).json().status, 'confirmed');
  t.equal((await attendee.post(`/api/round-tables/${rt.id}/registration`, { waitlist: true })).json().status, 'waitlisted');
  const statusIn = async (who: typeof attendee) => {
    const { url } = (await who.post('/api/me/calendar-feed')).json();
    const before = Date.now();
    const { events } = parse((await anonymous.get(new URL(url).pathname)).body);
    const { v } = events.find(({ e }) => e.summary === 'One seat')!;
    const stamp = (v.getFirstPropertyValue('dtstamp') as { toJSDate(): Date }).toJSDate().getTime();
    t.ok(stamp >= before - 1000, 'DTSTAMP is the generation time, not the last edit');
    return v.getFirstPropertyValue('status');
  };
  t.equal(await statusIn(first), 'CONFIRMED');
  t.equal(await statusIn(attendee), 'TENTATIVE', 'waitlisted');
  const single = parse((await attendee.get(`/api/round-tables/${rt.id}/calendar.ics`)).body).events[0]!.v;
  t.equal(single.getFirstPropertyValue('status'), 'TENTATIVE', 'the single-event file says so too');
});
