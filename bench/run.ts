// npm run bench [-- --quick] [-- --only=agenda_read,issue_write,...]
// Runs the project against same-run baselines on the PostgreSQL server given by DATABASE_URL (in a
// database of its own, dropped afterwards), prints a table and writes bench/results.json.
// Figures only: nothing here passes or fails on timing, and `npm test` does not run it.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { Context, type Result, type Settings } from './lib/context.js';
import { agendaRead } from './scenarios/agenda-read.js';
import { fanout } from './scenarios/fanout.js';
import { issueWrite } from './scenarios/issue-write.js';
import { reviewQueue, roundTableList } from './scenarios/lists.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write(
    'npm run bench needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --quick\n',
  );
  process.exit(2);
}
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const settings: Settings = quick ? { quick, rounds: 3, seconds: 1, warmSeconds: 1 } : { quick, rounds: 5, seconds: 4, warmSeconds: 2 };

// The lists run before issue_write: review_queue grows the table from the issues already there to each size,
// and issue_write's thousands of submits would otherwise stand in for its 100 and 10,000 seeded issues.
const SCENARIOS: { names: string[]; run: (ctx: Context) => Promise<Result | Result[]> }[] = [
  { names: ['agenda_read'], run: agendaRead },
  { names: ['roundtable_list'], run: roundTableList },
  { names: ['review_queue'], run: reviewQueue },
  { names: ['issue_write'], run: issueWrite },
  { names: ['fanout_1k', 'subscribe_storm', 'fanout_5k', 'socket_memory', 'fanout_2_instances'], run: fanout },
];

const startedAt = new Date();
const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
const ctx = new Context(serverUrl, settings);
const results: Result[] = [];
const say = (s: string) => process.stdout.write(`${s}\n`);
say(
  `Bench ${quick ? '(quick) ' : ''}on ${new URL(serverUrl).host}: ${os.cpus().length} cores, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const onSignal = () => void ctx.tearDown().finally(() => process.exit(130));
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
try {
  await ctx.setUp();
  for (const s of SCENARIOS) {
    if (only && !s.names.some((n) => only.includes(n))) continue;
    const t0 = performance.now();
    say(`- ${s.names.join(', ')} …`);
    // One scenario failing (the machine, a conflict) must not lose the others' figures.
    const out = await s.run(ctx).catch((err: unknown) => {
      say(`  failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    for (const r of Array.isArray(out) ? out : [out]) {
      results.push(r);
      say(`  ${r.name}: ratio ${r.ratio} (target ${r.target}) ${r.notes ?? ''}`);
    }
    say(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    writeReport(); // after each scenario: a later failure keeps the figures so far
  }
} finally {
  await ctx.tearDown();
}

const report = writeReport();
const loadAfter = report.loadAverage.atEnd;
say('');
say(table(results));
say(`\n${startedAt.toISOString()}, load ${loadAfter.map((l) => l.toFixed(2)).join(' ')}, ${report.durationSeconds} s; written to bench/results.json`);

function writeReport() {
  const report = {
    date: startedAt.toISOString(),
    quick,
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, platform: `${os.platform()} ${os.release()}` },
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
    scenarios: results,
  };
  writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

function table(rows: Result[]): string {
  const head = ['scenario', 'project', 'baseline', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.name,
    summary(r.name, r.project),
    summary(r.name, r.baseline),
    String(r.ratio),
    r.target.split(' (')[0]!.split(':')[0]!,
    r.met ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** One cell: the headline figures of a side. */
function summary(name: string, side: Record<string, unknown>): string {
  const n = (v: unknown) =>
    typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(2)) : typeof v === 'string' ? v : JSON.stringify(v);
  const rps = (f: unknown) => `${n((f as { rps: number }).rps)}/s (gen cpu ${n((f as { generatorCpu: number }).generatorCpu)})`;
  switch (name) {
    case 'agenda_read':
      return `agenda ${rps(side.agenda)}, rt ${rps(side.roundTable)}`;
    case 'issue_write': {
      const perC = (figures: Record<string, unknown>) => ['c1', 'c8', 'c32'].map((c) => `${c} ${n((figures[c] as { rps: number }).rps)}/s`).join(', ');
      if (side.insert) return `insert ${perC(side.insert as Record<string, unknown>)}; floor ${perC(side.floor as Record<string, unknown>)}`;
      return `${perC(side)} (${n(side.statementsPerSubmit)} statements)`;
    }
    case 'roundtable_list':
    case 'review_queue': {
      if (!side.sizes || !Array.isArray(side.sizes) || typeof side.sizes[0] === 'number') return n(side.description ?? '');
      const sizes = side.sizes as Record<string, { p50: number; queries: number }>[];
      const first = Object.keys(sizes[0]!).find((k) => k !== 'size')!;
      return sizes.map((s) => `${n(s.size)}: ${n(s[first]!.p50)} ms ${n(s[first]!.queries)}q`).join(', ') + ` (${first})`;
    }
    case 'subscribe_storm':
      return `${n(side.msUntilAllSnapshots)} ms${side.queries !== undefined ? `, ${n(side.queries)} queries` : ''}`;
    case 'socket_memory':
      return `${n(side.rssGrowthBytesPerSocket)} B/socket`;
    default:
      return `p50 ${n(side.p50)} p99 ${n(side.p99)} max ${n(side.max)} ms${side.lost ? `, lost ${n(side.lost)}` : ''}`;
  }
}
