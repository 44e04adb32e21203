// issue_write: a company representative submitting a new issue (authentication, validation, events,
// notices), committed requests/s at 1, 8 and 32 connections; baseline: a bare route doing one
// INSERT … RETURNING of an issue-sized row through `postgres` with the same pool size (10).
import { interleaved, type Context, type Result } from '../lib/context.js';
import { round } from '../lib/stats.js';

export async function issueWrite(ctx: Context): Promise<Result[]> {
  const title = 'Customs clearance at Tianjin port takes longer than the national average';
  const text = 'Clearance of imported parts takes four to six working days; the national average is two. '.repeat(4);
  const issue = JSON.stringify({ title, body: text, category: 'business_environment', language: 'en', visibility: 'public', submit: true });
  const headers = { 'content-type': 'application/json' };
  const project = { url: `${ctx.app.base}/api/issues`, method: 'POST', headers: { ...headers, authorization: `Bearer ${ctx.companyToken}` }, body: issue };
  const baseline = { url: `${ctx.baseline.base}/insert`, method: 'POST', headers, body: JSON.stringify({ title, body: text }) };
  const byConnections: Record<number, { project: unknown; baseline: unknown; ratio: number }> = {};
  let ratio32 = NaN;
  const rps: number[] = [];
  for (const connections of [1, 8, 32]) {
    // Slow writes need longer rounds: requests still in flight when a round ends do not count.
    const f = await interleaved(ctx, { project, baseline }, connections, 3);
    const ratio = round(f.project!.rps / f.baseline!.rps, 3);
    byConnections[connections] = { project: f.project, baseline: f.baseline, ratio };
    rps.push(f.project!.rps);
    if (connections === 32) ratio32 = ratio;
  }
  const grows = rps[1]! > rps[0]! * 1.2 && rps[2]! >= rps[1]! * 0.95;
  return [
    {
      name: 'issue_write',
      project: Object.fromEntries(Object.entries(byConnections).map(([c, v]) => [`c${c}`, v.project])),
      baseline: Object.fromEntries(Object.entries(byConnections).map(([c, v]) => [`c${c}`, v.baseline])),
      ratio: ratio32,
      target: '>= 0.5 at 32 connections, and req/s growing with connections',
      met: ratio32 >= 0.5 && grows,
      notes: `ratios c1 ${byConnections[1]!.ratio}, c8 ${byConnections[8]!.ratio}, c32 ${ratio32}; project req/s ${rps.map((r) => Math.round(r)).join(' → ')}`,
    },
  ];
}
