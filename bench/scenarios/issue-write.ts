// issue_write: a company representative submitting a new issue (authentication, validation, events,
// notices), committed requests/s at 1, 8 and 32 connections; baseline: a bare route doing one
// INSERT … RETURNING of an issue-sized row through `postgres` with the same pool size (10).
// A second reference, the floor: a bare route sending as many statements as one submit does (counted on the
// app's pool before the run), one after another in one transaction. app/floor is what the app's own work
// costs beyond its round trips; floor/INSERT is what the number of statements alone costs.
import { interleaved, type Context, type Result } from '../lib/context.js';
import { round } from '../lib/stats.js';

export async function issueWrite(ctx: Context): Promise<Result[]> {
  const title = 'Customs clearance at Tianjin port takes longer than the national average';
  const text = 'Clearance of imported parts takes four to six working days; the national average is two. '.repeat(4);
  const submit = { title, body: text, category: 'business_environment', language: 'en', visibility: 'public', submit: true };
  const headers = { 'content-type': 'application/json' };
  const project = {
    url: `${ctx.app.base}/api/issues`,
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${ctx.companyToken}` },
    body: JSON.stringify(submit),
  };
  const row = JSON.stringify({ title, body: text });
  const baseline = { url: `${ctx.baseline.base}/insert`, method: 'POST', headers, body: row };
  const floor = { url: `${ctx.baseline.base}/floor`, method: 'POST', headers, body: row };

  const before = (await ctx.appStats()).queries;
  await ctx.api('POST', '/api/issues', submit, ctx.companyToken);
  const statements = (await ctx.appStats()).queries - before;
  await ctx.baseline.child.call('setFloor', { statements });

  const byConnections: Record<number, { project: unknown; baseline: unknown; floor: unknown; ratio: number; appFloor: number; floorInsert: number }> = {};
  const rps: number[] = [];
  for (const connections of [1, 8, 32]) {
    // Slow writes need longer rounds: requests still in flight when a round ends do not count.
    const f = await interleaved(ctx, { project, baseline, floor }, connections, 3);
    byConnections[connections] = {
      project: f.project,
      baseline: f.baseline,
      floor: f.floor,
      ratio: round(f.project!.rps / f.baseline!.rps, 3),
      appFloor: round(f.project!.rps / f.floor!.rps, 3),
      floorInsert: round(f.floor!.rps / f.baseline!.rps, 3),
    };
    rps.push(f.project!.rps);
  }
  const c32 = byConnections[32]!;
  const grows = rps[1]! > rps[0]! * 1.2 && rps[2]! >= rps[1]! * 0.95;
  const perConnections = (pick: (v: (typeof byConnections)[number]) => unknown) =>
    Object.fromEntries(Object.entries(byConnections).map(([c, v]) => [`c${c}`, pick(v)]));
  return [
    {
      name: 'issue_write',
      project: { statementsPerSubmit: statements, ...perConnections((v) => v.project) },
      baseline: { insert: perConnections((v) => v.baseline), floor: perConnections((v) => v.floor) },
      ratio: c32.ratio,
      target: '>= 0.5 at 32 connections, and req/s growing with connections',
      met: c32.ratio >= 0.5 && grows,
      notes:
        `ratios c1 ${byConnections[1]!.ratio}, c8 ${byConnections[8]!.ratio}, c32 ${c32.ratio}; project req/s ${rps.map((r) => Math.round(r)).join(' → ')}; ` +
        `${statements} statements per submit: app/floor c32 ${c32.appFloor}, floor/INSERT c32 ${c32.floorInsert}`,
    },
  ];
}
