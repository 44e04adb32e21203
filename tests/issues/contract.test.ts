// The agenda contract (issues.links.ts) and the state machine table (checked against tests/helpers/workflow-model.ts,
// written independently of it), against the real database.
import t from 'tap';
import { and, eq } from 'drizzle-orm';
import { events, issueHistory, issues } from '../../src/db/schema/index.js';
import { agendaIssueView, findSchedulableIssues, markIssuesDiscussed, scheduleIssues, unscheduleIssues } from '../../src/modules/issues/issues.links.js';
import { decideCommand, ISSUE_STATES, COMMANDS } from '../../src/modules/issues/issues.state-machine.js';
import { AppError } from '../../src/lib/errors.js';
import { signIn, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue, createIssue, principal } from '../helpers/issues.js';
import { expectedOutcome, MODEL_COMMANDS, MODEL_STATES } from '../helpers/workflow-model.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const officialP = await principal(database, 'official1');
const organizerP = await principal(database, 'organizer');
const roundTableId = '11111111-1111-4111-8111-111111111111';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AppError ? `${e.statusCode} ${e.code}` : String(e);
  }
};

t.test('the transition table agrees with an independent model of the workflow, in every case', async (t) => {
  t.same([...ISSUE_STATES].sort(), [...MODEL_STATES].sort(), 'the same states');
  t.same([...COMMANDS].sort(), [...MODEL_COMMANDS].sort(), 'the same commands');
  const disagreements: string[] = [];
  for (const state of ISSUE_STATES) {
    for (const command of COMMANDS) {
      for (const actor of ['author', 'official', 'organizer', 'other'] as const) {
        for (const reason of ['because', ' ', null]) {
          const d = decideCommand(state, command, actor, reason);
          const got = d.ok ? { ok: true, to: d.to } : { ok: false, code: d.code };
          const want = expectedOutcome(state, command, actor, reason);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            disagreements.push(`${actor} ${command} in ${state} (${JSON.stringify(reason)}): ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
          }
        }
      }
    }
  }
  t.same(disagreements, []);
  // Refusals carry the status that goes with their code.
  t.same(decideCommand('draft', 'submit', 'official'), { ok: false, status: 403, code: 'TRANSITION_FORBIDDEN' });
  t.same(decideCommand('accepted', 'withdraw', 'author'), { ok: false, status: 409, code: 'TRANSITION_NOT_ALLOWED' });
  t.same(decideCommand('under_review', 'decline', 'official', ' '), { ok: false, status: 400, code: 'REASON_REQUIRED' });
});

t.test('schedule, unschedule, mark discussed: through the state machine, with history and events', async (t) => {
  const a = await acceptedIssue(hanami, official);
  const b = await acceptedIssue(sakura, official, { visibility: 'anonymous' });
  const pending = await createIssue(hanami);

  const found = await db.transaction((tx) => findSchedulableIssues(tx, [a.id, b.id]));
  t.same(
    found.map((f) => [f.id, f.state]),
    [
      [a.id, 'accepted'],
      [b.id, 'accepted'],
    ],
  );
  t.equal(await codeOf(db.transaction((tx) => findSchedulableIssues(tx, [a.id, pending.id]))), '409 ISSUE_NOT_ACCEPTED');
  t.equal(await codeOf(db.transaction((tx) => findSchedulableIssues(tx, ['22222222-2222-4222-8222-222222222222']))), '404 ISSUE_NOT_FOUND');

  await db.transaction((tx) => scheduleIssues(tx, organizerP, [a.id, b.id], roundTableId));
  const [rowA] = await db.select().from(issues).where(eq(issues.id, a.id));
  t.equal(rowA!.state, 'scheduled');
  t.equal(rowA!.roundTableId, roundTableId);
  const hist = await db
    .select()
    .from(issueHistory)
    .where(and(eq(issueHistory.issueId, a.id), eq(issueHistory.command, 'schedule')));
  t.equal(hist.length, 1);
  t.equal(hist[0]!.actorId, organizerP.userId, 'who scheduled it is recorded');

  // An anonymous issue's events on the public stream never name its company.
  const publicEvents = await db.select().from(events).where(eq(events.stream, 'public'));
  const aboutB = publicEvents.filter((e) => (e.data as { issueId?: string }).issueId === b.id);
  t.ok(aboutB.length > 0, 'the public hears of the published anonymous issue');
  t.ok(aboutB.every((e) => (e.data as { companyId: unknown }).companyId === null && e.actorId === null));

  // A failure part-way rolls everything back: a is not left unscheduled when b is not scheduled.
  t.equal(await codeOf(db.transaction((tx) => unscheduleIssues(tx, officialP, [a.id, pending.id]))), '409 TRANSITION_NOT_ALLOWED');
  t.equal((await db.select().from(issues).where(eq(issues.id, a.id)))[0]!.state, 'scheduled');

  await db.transaction((tx) => unscheduleIssues(tx, officialP, [b.id]));
  const [rowB] = await db.select().from(issues).where(eq(issues.id, b.id));
  t.same([rowB!.state, rowB!.roundTableId], ['accepted', null]);

  await db.transaction((tx) => markIssuesDiscussed(tx, officialP, [a.id]));
  t.equal((await db.select().from(issues).where(eq(issues.id, a.id)))[0]!.state, 'discussed');
  t.equal(await codeOf(db.transaction((tx) => markIssuesDiscussed(tx, officialP, [b.id]))), '409 TRANSITION_NOT_ALLOWED');
  const hanamiP = await principal(database, 'hanami');
  t.equal(await codeOf(db.transaction((tx) => scheduleIssues(tx, hanamiP, [b.id], roundTableId))), '403 TRANSITION_FORBIDDEN');

  // The author company's feed heard of it.
  const feed = (await hanami.get('/api/feed')).json();
  t.ok(feed.items.some((i: { issueId: string; data: { toState: string } }) => i.issueId === a.id && i.data.toState === 'discussed'));
});

t.test('agendaIssueView projects per viewer', async (t) => {
  const pub = await acceptedIssue(hanami, official, { title: 'Public agenda issue about licences' });
  const anon = await acceptedIssue(hanami, official, { title: 'Anonymous agenda issue about tax', visibility: 'anonymous' });
  const conf = await acceptedIssue(hanami, official, { title: 'Confidential agenda issue about data', visibility: 'confidential' });
  const ids = [pub.id, anon.id, conf.id];
  const view = async (who: string | null) => {
    const p = who ? await principal(database, who) : null;
    return Object.fromEntries((await agendaIssueView(db, p, ids)).map((v) => [v.id, v]));
  };
  const hanamiName = 'Hanami Motors (Tianjin) Co., Ltd.';
  for (const who of ['official1', 'hanami']) {
    const v = await view(who);
    t.same([v[pub.id]!.companyName, v[anon.id]!.companyName, v[conf.id]!.companyName], [hanamiName, hanamiName, hanamiName], who);
    t.equal(v[conf.id]!.title, 'Confidential agenda issue about data');
  }
  for (const who of ['sakura', 'attendee1', 'organizer', null]) {
    const v = await view(who);
    t.equal(v[pub.id]!.companyName, hanamiName, `${who}: public names the company`);
    t.equal(v[anon.id]!.companyName, null, `${who}: anonymous hides the company`);
    t.equal(v[anon.id]!.title, 'Anonymous agenda issue about tax');
    t.same([v[conf.id]!.companyName, v[conf.id]!.title], [null, null], `${who}: confidential hides company and title`);
    t.equal(v[conf.id]!.visibility, 'confidential');
  }
  t.same(await agendaIssueView(db, null, ['33333333-3333-4333-8333-333333333333']), [], 'unknown ids are left out');
});
