// roundtable_list and review_queue: latency of one request at a time as the data grows, and the
// number of database queries per request (counted on the app's pool). Rows are seeded with SQL.
import type postgres from 'postgres';
import type { Context, Result } from '../lib/context.js';
import { round } from '../lib/stats.js';

async function countOf(sql: postgres.Sql, table: 'round_tables' | 'issues'): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`;
  return row!.n;
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** Queries the app sends for one request (the fewest of three tries: the safety poll may interleave). */
async function queriesPerRequest(ctx: Context, t: Target): Promise<number> {
  let fewest = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = (await ctx.appStats()).queries;
    const res = await fetch(t.url, { headers: t.headers ?? {} });
    await res.arrayBuffer();
    fewest = Math.min(fewest, (await ctx.appStats()).queries - before);
  }
  return fewest;
}

interface SizeFigure {
  size: number;
  [target: string]: number | { p50: number; p99: number; bytes: number; queries: number; samples: number };
}

async function measureSizes(ctx: Context, sizes: number[], grow: (size: number) => Promise<void>, targets: () => Promise<Target[]>) {
  const figures: SizeFigure[] = [];
  for (const size of sizes) {
    await grow(size);
    const list = await targets();
    const { results } = await ctx.generator<{ results: Record<string, { p50: number; p99: number; bytes: number; samples: number }> }>(
      'clients/sequential.ts',
      {
        targets: list,
        count: ctx.settings.quick ? 15 : 30,
        warm: 3,
        budgetMs: ctx.settings.quick ? 3000 : 6000,
      },
    );
    const row: SizeFigure = { size };
    for (const t of list)
      row[t.name] = { ...results[t.name]!, p50: round(results[t.name]!.p50), p99: round(results[t.name]!.p99), queries: await queriesPerRequest(ctx, t) };
    figures.push(row);
  }
  return figures;
}

/** Growth of p50 from the smallest to the largest size, per target; and whether queries stayed constant. */
function verdict(name: string, figures: SizeFigure[], targetNames: string[]): Result {
  const first = figures[0]!;
  const last = figures[figures.length - 1]!;
  const growth: Record<string, number> = {};
  const queries: Record<string, number[]> = {};
  for (const t of targetNames) {
    const a = first[t] as { p50: number };
    const b = last[t] as { p50: number };
    growth[t] = round(b.p50 / a.p50);
    queries[t] = figures.map((f) => (f[t] as { queries: number }).queries);
  }
  const worst = Math.max(...Object.values(growth));
  const constant = Object.values(queries).every((q) => q.every((n) => n === q[0]));
  return {
    name,
    project: { sizes: figures, growth, queries },
    baseline: { description: `the same request at the smallest size (${first.size})`, sizes: figures.map((f) => f.size) },
    ratio: round(worst),
    target: '<= 3 (p50 at the largest size / at the smallest), queries per request constant',
    met: worst <= 3 && constant,
    notes: `p50 growth ${Object.entries(growth)
      .map(([k, v]) => `${k} ${v}×`)
      .join(', ')}; queries/request ${Object.entries(queries)
      .map(([k, v]) => `${k} ${v.join('/')}`)
      .join(', ')}`,
  };
}

export async function roundTableList(ctx: Context): Promise<Result> {
  const sizes = ctx.settings.quick ? [10, 100, 300] : [10, 100, 1000];
  const sql = ctx.sql();
  const [who] = await sql<
    { org: string; chair: string }[]
  >`select organization_id as org, id as chair from users where email = 'wang.li@tianjin-commerce.example'`;
  const grow = async (size: number) => {
    const n = await countOf(sql, 'round_tables');
    const add = size - n;
    if (add <= 0) return;
    // From 2030 on, clear of the round-tables the other scenarios make. Four in five scheduled (everyone sees them), one in five a draft (staff only).
    await sql`
      insert into round_tables (title_en, title_ja, title_zh, description_en, host_organization_id, chair_id, created_by, venue_name,
                                starts_at, ends_at, capacity, status)
      select 'Bench round-table ' || g, 'ベンチ ' || g, '基准 ' || g, 'Seeded by the benchmark.', ${who!.org}, ${who!.chair}, ${who!.chair},
             'Hall ' || (g % 7), timestamptz '2030-01-01 09:00+08' + g * interval '1 day', timestamptz '2030-01-01 12:00+08' + g * interval '1 day', 50,
             (case when g % 5 = 0 then 'draft' else 'scheduled' end)::round_table_status
      from generate_series(${n + 1}::int, ${size}::int) g`;
  };
  const targets = async (): Promise<Target[]> => [
    // The first page of 50, as a visitor and as the host's official (who also sees drafts) …
    { name: 'visitor', url: `${ctx.app.base}/api/round-tables?limit=50` },
    { name: 'official', url: `${ctx.app.base}/api/round-tables?limit=50`, headers: { authorization: `Bearer ${ctx.officialToken}` } },
    // … and the whole list, which grows with the rows it returns (shown, not part of the verdict).
    { name: 'visitor_all', url: `${ctx.app.base}/api/round-tables` },
  ];
  try {
    const figures = await measureSizes(ctx, sizes, grow, targets);
    return verdict('roundtable_list', figures, ['visitor', 'official']);
  } finally {
    await sql.end();
  }
}

export async function reviewQueue(ctx: Context): Promise<Result> {
  const sizes = ctx.settings.quick ? [100, 2_000, 20_000] : [100, 10_000, 100_000];
  const sql = ctx.sql();
  const authors = await sql<{ company: string; author: string }[]>`
    select organization_id as company, id as author from users where role = 'company_rep' order by email`;
  const companies = sql.array(authors.map((a) => a.company));
  const people = sql.array(authors.map((a) => a.author));
  const grow = async (size: number) => {
    const n = await countOf(sql, 'issues');
    if (size <= n) return;
    // One issue a minute from 2025-01-01: the export's 90-minute window holds the same 90 issues at every size,
    // so its figures compare the same output over a growing table (a day's window grew from 100 to 1,440 rows).
    await sql`
      insert into issues (company_id, author_id, title, body, category, language, visibility, state, support_count,
                          created_at, submitted_at, state_changed_at)
      select (${companies}::uuid[])[1 + g % ${authors.length}], (${people}::uuid[])[1 + g % ${authors.length}],
             'Issue ' || g || ': ' || (array['customs clearance delays', 'licence renewals', 'social insurance for foreign staff',
                                            'data export rules', 'bonded warehouse permits'])[1 + g % 5],
             'Seeded issue ' || md5(g::text) || '. ' || repeat('Companies report delays and ask for a clear procedure. ', 3)
               || case when g % 97 = 0 then 'The cold-chain inspection at the port is the bottleneck.' else '' end,
             (array['investment', 'modern_services', 'intellectual_property', 'business_environment'])[1 + g % 4]::issue_category,
             'en', (array['public', 'anonymous', 'confidential'])[1 + g % 3]::issue_visibility,
             (array['submitted', 'submitted', 'submitted', 'under_review', 'under_review', 'accepted', 'declined', 'resolved', 'submitted', 'draft'])[1 + g % 10]::issue_state,
             g % 13,
             timestamptz '2025-01-01 00:00+00' + g * interval '1 minute',
             case when g % 10 = 9 then null else timestamptz '2025-01-01 00:00+00' + g * interval '1 minute' end,
             timestamptz '2025-01-01 00:00+00' + g * interval '1 minute'
      from generate_series(${n + 1}::int, ${size}::int) g`;
    await sql`vacuum analyze issues`; // as autovacuum would after a bulk load (GIN pending lists)
  };
  const auth = { authorization: `Bearer ${ctx.officialToken}` };
  const q = (path: string) => `${ctx.app.base}/api/issues/${path}`;
  const targets = async (): Promise<Target[]> => {
    // A cursor nine tenths down the default (newest) order: a deep keyset page.
    const [row] = await sql<{ total: number }[]>`select count(*)::int as total from issues where state <> 'draft'`;
    const total = row!.total;
    const [deep] = await sql<{ at: string; id: string }[]>`
      select coalesce(submitted_at, created_at)::text as at, id from issues where state <> 'draft'
      order by coalesce(submitted_at, created_at) desc, id desc offset ${Math.floor(total * 0.9)} limit 1`;
    const cursor = Buffer.from(JSON.stringify([deep!.at, deep!.id])).toString('base64url');
    return [
      { name: 'first_page', url: q('queue'), headers: auth },
      { name: 'filtered', url: q('queue?state=submitted&category=business_environment&sort=oldest_waiting'), headers: auth },
      { name: 'most_supported', url: q('queue?sort=most_supported'), headers: auth },
      { name: 'text', url: q(`queue?q=${encodeURIComponent('cold-chain')}`), headers: auth },
      { name: 'deep_page', url: q(`queue?cursor=${cursor}`), headers: auth },
      { name: 'csv_window', url: q('queue.csv?from=2025-01-01T00:00:00Z&to=2025-01-01T01:30:00Z'), headers: auth },
    ];
  };
  try {
    const figures = await measureSizes(ctx, sizes, grow, targets);
    return verdict('review_queue', figures, ['first_page', 'filtered', 'most_supported', 'text', 'deep_page', 'csv_window']);
  } finally {
    await sql.end();
  }
}
