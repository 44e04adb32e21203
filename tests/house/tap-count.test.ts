// CI's count (scripts/tap-count.mjs): tests, not assertions; skips as skips; failures outside subtests count.
import t from 'tap';
// @ts-expect-error: a plain .mjs script without types
import { countTests } from '../../scripts/tap-count.mjs';

const tap = `TAP version 14
1..3
# Subtest: tests/a.test.ts
    # Subtest: first
        ok 1 - should be equal
        ok 2 - should be equal
        1..2
    ok 1 - first # time=1ms
    ok 2 - a top-level assertion
    # Subtest: second
        not ok 1 - should be equal
        1..1
    not ok 3 - second # time=1ms
    ok 4 - server only # SKIP needs the PostgreSQL server
    1..4
not ok 1 - tests/a.test.ts # time=5ms
# Subtest: tests/b.test.ts
    ok 1 - just assertions
    ok 2 - more assertions
    1..2
ok 2 - tests/b.test.ts # time=2ms
# Subtest: tests/c.test.ts
    # Subtest: passes
        ok 1 - fine
        1..1
    ok 1 - passes
    1..1
not ok 3 - tests/c.test.ts # crashed after its tests
`;

t.same(countTests(tap, 1), { passed: 3, failed: 2, skipped: 1 }, 'a: 1 passed, 1 failed, 1 skipped; b: 1 file; c: 1 passed + the crash');
t.same(countTests('error TS2322: nope\n', 2), { passed: 0, failed: 1, skipped: 0 }, 'no TAP at all: the run failed');
t.same(
  countTests('# Subtest: tests/b.test.ts\n    ok 1 - x\nok 1 - tests/b.test.ts\n', 1),
  { passed: 1, failed: 1, skipped: 0 },
  'tests passed but tap failed (coverage)',
);
