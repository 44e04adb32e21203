// agenda_read: a visitor reading a published round-table's agenda (30 slots) and the round-table
// itself, requests/s at 100 connections; baseline: a bare Fastify route returning the same bytes.
import { interleaved, type Context, type Result } from '../lib/context.js';
import { round } from '../lib/stats.js';

export async function agendaRead(ctx: Context): Promise<Result[]> {
  const id = ctx.ids.agenda!;
  const paths = { agenda: `/api/round-tables/${id}/agenda`, roundTable: `/api/round-tables/${id}` };
  for (const [name, path] of Object.entries(paths)) {
    const res = await fetch(ctx.app.base + path);
    const body = Buffer.from(await res.arrayBuffer());
    await ctx.baseline.child.call('setBytes', { name, type: res.headers.get('content-type') ?? 'application/json', body: body.toString('base64') });
  }
  const figures = await interleaved(
    ctx,
    {
      projectAgenda: { url: ctx.app.base + paths.agenda },
      baselineAgenda: { url: `${ctx.baseline.base}/bytes/agenda` },
      projectRoundTable: { url: ctx.app.base + paths.roundTable },
      baselineRoundTable: { url: `${ctx.baseline.base}/bytes/roundTable` },
    },
    100,
  );
  const agendaRatio = figures.projectAgenda!.rps / figures.baselineAgenda!.rps;
  const rtRatio = figures.projectRoundTable!.rps / figures.baselineRoundTable!.rps;
  const ratio = round(Math.min(agendaRatio, rtRatio), 3);
  return [
    {
      name: 'agenda_read',
      project: { agenda: figures.projectAgenda, roundTable: figures.projectRoundTable },
      baseline: { agenda: figures.baselineAgenda, roundTable: figures.baselineRoundTable },
      ratio,
      target: '>= 0.85 (req/s, the lower of agenda and round-table)',
      met: ratio >= 0.85,
      notes: `agenda ${round(agendaRatio, 3)}, round-table ${round(rtRatio, 3)}`,
    },
  ];
}
