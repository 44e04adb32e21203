// Property test of the issue workflow against the real database: random sequences of commands by
// random actors. Invariants: the state is always the one an independent model of the workflow
// (tests/helpers/workflow-model.ts, not the code's transition table) predicts (illegal
// commands change nothing), the history has one complete who/when/why entry per transition, and
// no transition ever changes (let alone widens) the visibility; edits may change it only in a draft.
import t from 'tap';
import fc from 'fast-check';
import { asc, eq } from 'drizzle-orm';
import { issueHistory, issues } from '../../src/db/schema/index.js';
import { AppError } from '../../src/lib/errors.js';
import type { Principal } from '../../src/lib/principal.js';
import { ISSUE_STATES, VISIBILITIES, type IssueCommand } from '../../src/modules/issues/issues.state-machine.js';
import { canSeeIssue, viewerOf } from '../../src/modules/issues/issues.visibility.js';
import { transitionIssue } from '../../src/modules/issues/issues.workflow.js';
import { editIssue } from '../../src/modules/issues/issues.service.js';
import { signIn, testApp, testDatabase } from '../helpers/app.js';
import { createIssue, principal } from '../helpers/issues.js';
import { expectedOutcome, MODEL_COMMANDS, type Kind } from '../helpers/workflow-model.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const hanami = await signIn(app, 'hanami');
const ACTOR_KEYS = ['hanami', 'sakura', 'official1', 'official2', 'organizer', 'attendee1'] as const;
// Every issue here is hanami's company's: who each actor is to it, stated rather than computed by the code under test.
const KIND: Record<(typeof ACTOR_KEYS)[number], Kind> = {
  hanami: 'author',
  sakura: 'other',
  official1: 'official',
  official2: 'official',
  organizer: 'organizer',
  attendee1: 'other',
};
const actors = Object.fromEntries(await Promise.all(ACTOR_KEYS.map(async (k) => [k, await principal(database, k)]))) as Record<string, Principal>;
// A merge target that stays open.
const primary = await createIssue(hanami, { title: 'Primary for the property test' });

const step = fc.record({
  actor: fc.constantFrom(...ACTOR_KEYS),
  // 'edit' tries to change the visibility: allowed only while the issue is a draft.
  command: fc.constantFrom(...MODEL_COMMANDS, 'edit' as const),
  reason: fc.option(fc.constantFrom('because', ' ', 'policy'), { nil: undefined }),
  visibility: fc.constantFrom(...VISIBILITIES),
});

/** What an edit of the visibility should do, by the rules in issues.service.ts. */
function expectedEdit(actor: Principal, row: typeof issues.$inferSelect, visibility: string): string {
  if (actor.role !== 'company_rep') return 'COMPANY_ONLY';
  if (!canSeeIssue(viewerOf(actor), row)) return 'ISSUE_NOT_FOUND';
  if (actor.organizationId !== row.companyId) return 'NOT_AUTHOR';
  if (!['draft', 'submitted'].includes(row.state)) return 'ISSUE_NOT_EDITABLE';
  if (row.state !== 'draft' && visibility !== row.visibility) return 'VISIBILITY_FIXED';
  return 'ok';
}

t.test('random commands by random roles keep the invariants', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...VISIBILITIES), fc.boolean(), fc.array(step, { minLength: 1, maxLength: 14 }), async (visibility, submit, steps) => {
      const issue = await createIssue(hanami, { visibility, submit });
      let expected = submit ? 'submitted' : 'draft';
      let transitions = submit ? 1 : 0;
      let expectedVisibility: string = visibility;
      for (const s of steps) {
        const actor = actors[s.actor]!;
        const [before] = await db.select().from(issues).where(eq(issues.id, issue.id));
        if (s.command === 'edit') {
          const want = expectedEdit(actor, before!, s.visibility);
          let got = 'ok';
          try {
            await editIssue(db, actor, issue.id, { visibility: s.visibility });
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            got = e.code;
          }
          if (got !== want) throw new Error(`${s.actor} edit visibility in ${before!.state}: expected ${want}, got ${got}`);
          if (got === 'ok') expectedVisibility = s.visibility;
          const [after] = await db.select().from(issues).where(eq(issues.id, issue.id));
          if (after!.visibility !== expectedVisibility) throw new Error('visibility changed by a refused edit');
          continue;
        }
        const d = expectedOutcome(before!.state, s.command, KIND[s.actor], s.reason);
        const agenda = ['schedule', 'unschedule', 'mark_discussed'].includes(s.command) && actor.role === 'organizer';
        const visible = agenda || canSeeIssue(viewerOf(actor), before!);
        let outcome: string;
        try {
          await db.transaction((tx) =>
            transitionIssue(tx, actor, issue.id, s.command as IssueCommand, {
              reason: s.reason ?? null,
              roundTableId: '44444444-4444-4444-8444-444444444444',
              mergedIntoId: primary.id,
            }),
          );
          outcome = 'ok';
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          outcome = e.code;
        }
        if (!visible) {
          if (outcome !== 'ISSUE_NOT_FOUND') throw new Error(`${s.actor} ${s.command} on an issue it cannot see: ${outcome}`);
        } else if (d.ok) {
          if (outcome !== 'ok') throw new Error(`${s.actor} ${s.command} from ${expected} should pass, got ${outcome}`);
          expected = d.to;
          transitions += 1;
        } else if (outcome !== d.code) {
          throw new Error(`${s.actor} ${s.command} from ${expected}: expected ${d.code}, got ${outcome}`);
        }
        const [after] = await db.select().from(issues).where(eq(issues.id, issue.id));
        if (!ISSUE_STATES.includes(after!.state)) throw new Error(`illegal state ${after!.state}`);
        if (after!.state !== expected) throw new Error(`state ${after!.state}, expected ${expected}`);
        if (after!.visibility !== expectedVisibility) throw new Error(`a transition changed the visibility from ${expectedVisibility} to ${after!.visibility}`);
        if ((after!.state === 'merged') !== (after!.mergedIntoId !== null)) throw new Error('mergedIntoId out of step with state');
      }
      const history = await db.select().from(issueHistory).where(eq(issueHistory.issueId, issue.id)).orderBy(asc(issueHistory.createdAt), asc(issueHistory.id));
      const moves = history.filter((h) => h.kind === 'transition');
      if (moves.length !== transitions) throw new Error(`history has ${moves.length} transitions, expected ${transitions}`);
      let state = 'draft';
      for (const m of moves) {
        if (m.fromState !== state || !m.toState || !m.actorId || !m.command || !m.createdAt) throw new Error(`incomplete or broken history at ${m.command}`);
        state = m.toState;
      }
      if (state !== expected) throw new Error('history does not end in the current state');
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
  t.pass('invariants held');
});
