// Counts TESTS in tap's TAP output (`tap -R tap`), not assertions: each t.test directly inside a test file is
// one test (passed, failed, or skipped with t.skip / { skip }); a file without t.test blocks counts as one.
// A file that fails outside its subtests (a crash, a missing plan) adds one failure; so does a run whose
// output never reached tap (the type check failed) and one that tap failed afterwards (coverage thresholds).
// Usage: node scripts/tap-count.mjs LOG EXIT_CODE   prints "N passed, N failed, N skipped"
import { readFileSync } from 'node:fs';

export function countTests(text, exitCode = 0) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const lines = text.split('\n');
  let sawFile = false;
  let pendingSubtest = false; // a "# Subtest:" header at level 1 precedes the next level-1 test point
  let fileTests = { passed: 0, failed: 0, skipped: 0 };
  for (const line of lines) {
    if (/^ {4}# Subtest: /.test(line)) {
      pendingSubtest = true;
      continue;
    }
    const sub = /^ {4}(not ok|ok) \d+(?: - (.*))?$/.exec(line);
    if (sub) {
      const skipped = /# (SKIP|TODO)\b/i.test(sub[2] ?? '');
      if (pendingSubtest || skipped) {
        if (skipped) fileTests.skipped += 1;
        else if (sub[1] === 'ok') fileTests.passed += 1;
        else fileTests.failed += 1;
      }
      pendingSubtest = false;
      continue;
    }
    const file = /^(not ok|ok) \d+(?: - (.*))?$/.exec(line);
    if (file) {
      sawFile = true;
      const total = fileTests.passed + fileTests.failed + fileTests.skipped;
      if (total === 0) {
        if (/# SKIP\b/i.test(file[2] ?? '')) counts.skipped += 1;
        else if (file[1] === 'ok') counts.passed += 1;
        else counts.failed += 1;
      } else {
        counts.passed += fileTests.passed;
        counts.skipped += fileTests.skipped;
        counts.failed += fileTests.failed + (file[1] === 'not ok' && fileTests.failed === 0 ? 1 : 0);
      }
      fileTests = { passed: 0, failed: 0, skipped: 0 };
      pendingSubtest = false;
    }
  }
  // Tap never ran (type check failed), or it failed the run after the tests (coverage below thresholds).
  if (!sawFile || (exitCode !== 0 && counts.failed === 0)) counts.failed += 1;
  return counts;
}

export const format = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const [log, code] = process.argv.slice(2);
  console.log(format(countTests(readFileSync(log, 'utf8'), Number(code ?? 0))));
}
