// npm run test:reliability: the reliability suite (tests/reliability and the generated bad input) in one tap
// run, then the PostgreSQL restart (tests/reliability/pg-restart.test.ts) in a final run of its own: a
// restart disturbs every other test on the server, so it never runs beside them (and only with
// RELIABILITY_PG_RESTART=1; otherwise that file reports itself skipped). Arguments go to both runs
// (e.g. `-- -R tap`: .ci/run counts the two TAP streams together with scripts/tap-count.mjs).
// Exits non-zero when either run failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const RESTART = 'tests/reliability/pg-restart.test.ts';
const suite = [
  ...readdirSync('tests/reliability')
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `tests/reliability/${f}`)
    .filter((f) => f !== RESTART),
  'tests/security/bad-input-generated.test.ts',
];
const tap = join('node_modules', '.bin', 'tap');
const args = process.argv.slice(2);
const run = (files) => spawnSync(tap, ['--disable-coverage', '--timeout=1200', ...args, ...files], { stdio: 'inherit' }).status ?? 1;

const first = run(suite);
const last = run([RESTART]);
process.exit(first || last);
