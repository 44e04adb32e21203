// The machine-translation extension point: without a registered translator nothing happens (a 409 code);
// with one, its output is stored marked `machine` and, like a person's, goes stale when the original changes.
import t from 'tap';
import { AppError } from '../../src/lib/errors.js';
import { useMachineTranslator } from '../../src/modules/translations/translations.machine.js';
import { listTranslations, machineTranslate } from '../../src/modules/translations/translations.service.js';
import { signIn, testApp, testDatabase } from '../helpers/app.js';
import { createIssue, principal } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const hanami = await signIn(app, 'hanami');
const organizer = await principal(database, 'organizer');
const issue = await createIssue(hanami, { title: '部品の通関遅延', body: '輸入部品の通関に十日以上かかります。', desiredOutcome: '', language: 'ja' });

void t.test('no translator: MACHINE_TRANSLATION_UNAVAILABLE, nothing stored', async (t) => {
  useMachineTranslator(null);
  const err = await machineTranslate(database.db, organizer, 'issue', issue.id, 'en').then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(err instanceof AppError && err.code === 'MACHINE_TRANSLATION_UNAVAILABLE', 'refused with its code');
  t.same((await listTranslations(database.db, organizer, 'issue', issue.id)).translations, []);
});

void t.test('a registered translator: stored as machine, stale after an edit', async (t) => {
  useMachineTranslator({
    name: 'test',
    translate: ({ fields, to }) => Promise.resolve(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ? `[${to}] ${v}` : '']))),
  });
  t.teardown(() => useMachineTranslator(null));
  const result = await machineTranslate(database.db, organizer, 'issue', issue.id, 'en');
  t.match(result.translations[0], {
    language: 'en',
    translatedFrom: 'ja',
    machine: true,
    current: true,
    translatorName: null,
    fields: { title: '[en] 部品の通関遅延' },
  });
  t.equal((await hanami.patch(`/api/issues/${issue.id}`, { title: '部品の通関遅延（更新）' })).statusCode, 200);
  t.equal((await listTranslations(database.db, organizer, 'issue', issue.id)).translations[0]!.current, false);
});
