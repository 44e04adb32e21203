// The one way to write a time (src/lib/time-format.ts, used by the web client, calendar descriptions and e-mails).
import t from 'tap';
import { formatInstantIn, formatMoment, formatSpan, isAmbiguous, localWithOffset, formatDateIn, venueCityIn } from '../src/lib/time-format.js';
import { DateTime } from 'luxon';

const tianjin = (lang: 'en' | 'ja' | 'zh') => ({ zone: 'Asia/Shanghai', city: { en: 'Tianjin', ja: '天津', zh: '天津' }[lang] });

t.test('venue time first, labelled with its city; the viewer time beside it; the date once', async (t) => {
  const opts = { lang: 'en' as const, venue: tianjin('en'), viewer: { zone: 'Asia/Tokyo' } };
  t.equal(formatSpan('2026-12-05T06:00:00Z', '2026-12-05T08:00:00Z', opts), 'Sat, 5 Dec 2026, 14:00–16:00 Tianjin time · 15:00–17:00 Japan Standard Time');
  t.equal(formatMoment('2026-12-05T06:00:00Z', opts, false), '14:00 Tianjin time · 15:00 Japan Standard Time');
  t.equal(
    formatMoment('2026-12-05T06:00:00Z', { ...opts, viewer: { zone: 'Asia/Shanghai' } }),
    'Sat, 5 Dec 2026, 14:00 Tianjin time',
    'one time when the viewer is in the venue zone',
  );
  t.equal(
    formatSpan('2026-12-05T06:00:00Z', '2026-12-05T08:00:00Z', { lang: 'zh', venue: tianjin('zh'), viewer: { zone: 'Asia/Tokyo' } }),
    '2026年12月5日周六 14:00–16:00 天津时间 · 15:00–17:00 日本标准时间',
  );
  t.equal(formatMoment('2026-12-05T06:00:00Z', { lang: 'ja', venue: tianjin('ja') }), '2026年12月5日(土) 14:00 天津時間');
  t.equal(
    formatMoment('2026-12-05T06:00:00Z', { lang: 'en', venue: { zone: 'Asia/Shanghai' } }),
    'Sat, 5 Dec 2026, 14:00 China Standard Time',
    'no city: the zone by its name, never the IANA id',
  );
});

t.test("the viewer's date when it is not the venue's; a range over midnight names both days", async (t) => {
  // 09:00 in Tianjin is 20:00 the evening before in New York.
  const opts = { lang: 'en' as const, venue: tianjin('en'), viewer: { zone: 'America/New_York' } };
  t.equal(formatMoment('2026-12-05T01:00:00Z', opts), 'Sat, 5 Dec 2026, 09:00 Tianjin time · Fri, 4 Dec 2026, 20:00 Eastern Time');
  t.equal(
    formatSpan('2026-12-05T03:00:00Z', '2026-12-05T06:00:00Z', opts),
    'Sat, 5 Dec 2026, 11:00–14:00 Tianjin time · Fri, 4 Dec 2026, 22:00–Sat, 5 Dec 2026, 01:00 Eastern Time',
  );
});

t.test('a daylight-saving night: two 01:00 slots are told apart by their offset, other times are not', async (t) => {
  // New York, 1 November 2026: 01:00 EDT (05:00Z), then the clocks go back, 01:00 EST (06:00Z).
  const ny = { lang: 'en' as const, venue: { zone: 'America/New_York', city: 'New York' } };
  const first = formatMoment('2026-11-01T05:00:00Z', ny, false);
  const second = formatMoment('2026-11-01T06:00:00Z', ny, false);
  t.equal(first, '01:00 UTC-04:00 New York time');
  t.equal(second, '01:00 UTC-05:00 New York time');
  t.not(first, second);
  t.equal(formatMoment('2026-11-01T08:00:00Z', ny, false), '03:00 New York time', 'an unambiguous time has no offset');
  t.ok(isAmbiguous(DateTime.fromISO('2026-11-01T01:30', { zone: 'America/New_York' })));
  t.notOk(isAmbiguous(DateTime.fromISO('2026-11-01T01:30', { zone: 'Asia/Shanghai' })));
  // A Tianjin venue seen from New York on that night: the viewer's side carries the offset.
  t.match(
    formatMoment('2026-11-01T05:00:00Z', { lang: 'en', venue: tianjin('en'), viewer: { zone: 'America/New_York' } }, false),
    /01:00 UTC-04:00 Eastern Time$/,
  );
  t.equal(formatInstantIn('2026-11-01T06:00:00Z', 'America/New_York', 'en'), '1 Nov 2026, 01:00 UTC-05:00');
});

t.test('localStart carries its offset', async (t) => {
  t.equal(localWithOffset(new Date('2026-12-05T06:00:00Z'), 'Asia/Shanghai'), '2026-12-05T14:00+08:00');
  t.equal(localWithOffset(new Date('2026-11-01T05:00:00Z'), 'America/New_York'), '2026-11-01T01:00-04:00');
  t.equal(localWithOffset(new Date('2026-11-01T06:00:00Z'), 'America/New_York'), '2026-11-01T01:00-05:00');
});

t.test("a venue's city in the reader's language, else any given; a calendar date in the reader's language", async (t) => {
  const tianjin = { venueCityEn: 'Tianjin', venueCityJa: '天津', venueCityZh: null };
  t.equal(venueCityIn(tianjin, 'ja'), '天津');
  t.equal(venueCityIn(tianjin, 'zh'), 'Tianjin', 'no Chinese name: the English one');
  t.equal(venueCityIn({ venueCityJa: '天津', venueCityEn: ' ' }, 'en'), '天津', 'blank is none');
  t.equal(venueCityIn({}, 'en'), null, 'no city: the zone names the time');
  t.same(
    (['en', 'ja', 'zh'] as const).map((l) => formatDateIn('2026-06-30', l)),
    ['30 Jun 2026', '2026年6月30日', '2026年6月30日'],
  );
});
