// Live fan-out: the chair moves to the next slot over HTTP; each subscribed client (in separate
// client processes) records when the event arrives. Baseline: a raw `ws` server broadcasting the
// same bytes to as many clients, triggered over HTTP too. The connect phases give subscribe_storm
// (1,000 clients subscribing at once) and socket_memory (RSS growth per idle subscribed socket).
import { startChild, type Child } from '../lib/ipc.js';
import type { AppInstance, Context, Result } from '../lib/context.js';
import { median, percentile, round } from '../lib/stats.js';

const now = () => performance.timeOrigin + performance.now();
const CLIENTS_PER_PROCESS = 1250;

interface Group {
  clients: Child[];
  connectMs: number;
  failed: number;
  clientCpu: number;
  snapshot: string;
}

async function connectGroup(ctx: Context, url: string, total: number, mode: 'project' | 'raw', stream: string, window = 0): Promise<Group> {
  const procs = Math.max(2, Math.ceil(total / CLIENTS_PER_PROCESS));
  const clients = Array.from({ length: procs }, (_, i) =>
    ctx.track(startChild('clients/ws-clients.ts', [url, String(Math.floor(total / procs) + (i < total % procs ? 1 : 0)), mode, stream])),
  );
  await Promise.all(clients.map((c) => c.ready));
  const results = await Promise.all(
    clients.map((c) => c.call<{ start: number; end: number; failed: number; firstError: string | null; snapshot: string; cpu: number }>('connect', { window })),
  );
  const failed = results.reduce((s, r) => s + r.failed, 0);
  ctx.log(`${total} ${mode} sockets subscribed in ${Math.round(Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start)))} ms`);
  if (failed) process.stdout.write(`  ${failed} of ${total} ${mode} sockets failed: ${results.find((r) => r.firstError)?.firstError}\n`);
  return {
    clients,
    connectMs: Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start)),
    failed,
    clientCpu: round(median(results.map((r) => r.cpu))),
    snapshot: results[0]!.snapshot,
  };
}

async function closeGroup(g: Group): Promise<void> {
  await Promise.all(g.clients.map((c) => c.call('close')));
  for (const c of g.clients) c.kill();
  await Promise.all(g.clients.map((c) => c.done));
}

interface Delivery {
  p50: number;
  p99: number;
  max: number;
  lost: number;
  httpMs: number;
  rounds: { p50: number; p99: number; max: number }[];
}

/** Rounds of: arm every client, trigger over HTTP, collect receipt times. */
async function deliveries(ctx: Context, g: Group, event: string, trigger: (round: number) => Promise<void>): Promise<{ delivery: Delivery; sample: string }> {
  const rounds: { p50: number; p99: number; max: number; lost: number; httpMs: number }[] = [];
  let sample = '';
  for (let r = -1; r < ctx.settings.rounds; r++) {
    await Promise.all(g.clients.map((c) => c.call('arm', { event })));
    const t0 = now();
    await trigger(r);
    const httpMs = now() - t0;
    const collected = await Promise.all(g.clients.map((c) => c.call<{ times: number[]; sample: string }>('collect', { timeoutMs: 20_000 })));
    sample ||= collected.find((c) => c.sample)?.sample ?? '';
    const times = collected.flatMap((c) => c.times);
    const latencies = times.filter((t) => t > 0).map((t) => t - t0);
    if (r < 0) continue; // the first round warms up
    rounds.push({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), lost: times.length - latencies.length, httpMs });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    sample,
    delivery: {
      p50: round(median(rounds.map((x) => x.p50))),
      p99: round(median(rounds.map((x) => x.p99))),
      max: round(median(rounds.map((x) => x.max))),
      lost: rounds.reduce((s, x) => s + x.lost, 0),
      httpMs: round(median(rounds.map((x) => x.httpMs))),
      rounds: rounds.map((x) => ({ p50: round(x.p50), p99: round(x.p99), max: round(x.max) })),
    },
  };
}

export async function fanout(ctx: Context): Promise<Result[]> {
  const id = (ctx.ids.live ??= await ctx.publishedRoundTable('Live fan-out'));
  await ctx.api('POST', `/api/round-tables/${id}/live/start`, undefined, ctx.officialToken);
  const stream = `roundtable:${id}`;
  const wsUrl = (app: AppInstance) => `ws://127.0.0.1:${app.port}/api/live`;
  const rawUrl = `ws://127.0.0.1:${ctx.baseline.port}/ws`;
  // Alternate next/previous so the 30 slots never run out.
  const moveSlot = (r: number) =>
    ctx.api('POST', `/api/round-tables/${id}/live/slot`, { move: r % 2 === 0 ? 'previous' : 'next' }, ctx.officialToken).then(() => {});
  const broadcast = () => ctx.api('POST', '/broadcast', undefined, undefined, ctx.baseline.base).then(() => {});
  const results: Result[] = [];
  let singleP99 = NaN;

  for (const total of [1000, 5000]) {
    const memBefore = await ctx.appStats(ctx.app, true);
    // 1,000 at once is the subscribe storm; 5,000 open 100 at a time per client process (a listen backlog is finite).
    const window = total === 1000 ? 0 : 100;
    const project = await connectGroup(ctx, wsUrl(ctx.app), total, 'project', stream, window);
    const memAfter = await ctx.appStats(ctx.app, true);
    const p = await deliveries(ctx, project, 'live.slot', moveSlot);
    await closeGroup(project);
    await ctx.baseline.child.call('setFrames', { snapshot: project.snapshot, event: p.sample || '{}' });

    const rawBefore = await ctx.baseline.child.call<{ rss: number }>('stats', { gc: true });
    const raw = await connectGroup(ctx, rawUrl, total, 'raw', '', window);
    const rawAfter = await ctx.baseline.child.call<{ rss: number }>('stats', { gc: true });
    const b = await deliveries(ctx, raw, '', broadcast);
    await closeGroup(raw);

    ctx.log(`fan-out to ${total}: p99 ${p.delivery.p99} ms (raw ws ${b.delivery.p99} ms)`);
    const ratio = round(p.delivery.p99 / b.delivery.p99);
    if (total === 1000) singleP99 = p.delivery.p99;
    results.push({
      name: `fanout_${total / 1000}k`,
      project: { ...p.delivery, clientCpu: project.clientCpu, failed: project.failed, eventBytes: p.sample.length },
      baseline: { ...b.delivery, clientCpu: raw.clientCpu, failed: raw.failed },
      ratio,
      target: '<= 1.5 (p99)',
      met: ratio <= 1.5 && p.delivery.lost === 0,
    });
    if (total === 1000) {
      const queries = memAfter.queries - memBefore.queries;
      results.push({
        name: 'subscribe_storm',
        project: { clients: total, msUntilAllSnapshots: round(project.connectMs), queries, queriesPerSocket: round(queries / total, 3) },
        baseline: { clients: total, msUntilAllSnapshots: round(raw.connectMs), description: 'raw ws: connect and receive the same snapshot bytes' },
        ratio: round(project.connectMs / raw.connectMs),
        target: 'snapshot built once per instance: queries per subscribing socket < 0.1 (ratio: time vs raw, informational)',
        met: queries / total < 0.1,
      });
    } else {
      const perSocket = (memAfter.rss - memBefore.rss) / total;
      const rawPerSocket = (rawAfter.rss - rawBefore.rss) / total;
      const memRatio = round(perSocket / rawPerSocket);
      results.push({
        name: 'socket_memory',
        project: {
          sockets: total,
          rssGrowthBytesPerSocket: Math.round(perSocket),
          heapGrowthBytesPerSocket: Math.round((memAfter.heapUsed - memBefore.heapUsed) / total),
        },
        baseline: { sockets: total, rssGrowthBytesPerSocket: Math.round(rawPerSocket) },
        ratio: memRatio,
        target: '<= 1.5',
        met: memRatio <= 1.5,
      });
    }
  }

  // Two instances on one PostgreSQL server, 1,000 clients each; the chair's write goes to the first.
  const second = await ctx.startApp();
  const groups = await Promise.all([ctx.app, second].map((app) => connectGroup(ctx, wsUrl(app), 1000, 'project', stream)));
  const both: Group = { clients: groups.flatMap((g) => g.clients), connectMs: 0, failed: 0, clientCpu: 0, snapshot: '' };
  const two = await deliveries(ctx, both, 'live.slot', moveSlot);
  await closeGroup(both);
  await second.child.call('close').catch(() => {});
  const ratio = round(two.delivery.p99 / singleP99);
  results.push({
    name: 'fanout_2_instances',
    project: { clients: 2000, ...two.delivery },
    baseline: { description: 'fanout_1k on one instance (this run)', p99: singleP99 },
    ratio,
    target: '<= 2.0 (p99 vs one instance)',
    met: ratio <= 2 && two.delivery.lost === 0,
  });
  return results;
}
