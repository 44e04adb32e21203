// What every scenario shares: the bench database, one app instance, the baseline server, tokens,
// the round-tables the scenarios use, and the helpers that run generators in their own processes.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
// Loads every module, so the event types the seed appends (e.g. live.* from the live session) are defined.
import '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';
import { startChild, type Child } from './ipc.js';
import { median } from './stats.js';

export interface Settings {
  quick: boolean;
  /** Measured rounds per figure (medians are reported). */
  rounds: number;
  /** Seconds per measured HTTP round, and of the warm-up. */
  seconds: number;
  warmSeconds: number;
}

export interface Result {
  name: string;
  project: Record<string, unknown>;
  baseline: Record<string, unknown>;
  ratio: number;
  target: string;
  met: boolean;
  notes?: string;
}

export interface AppInstance {
  child: Child;
  port: number;
  base: string;
}

export class Context {
  readonly children: Child[] = [];
  admin!: postgres.Sql;
  dbName!: string;
  dbUrl!: string;
  app!: AppInstance;
  baseline!: { child: Child; port: number; base: string };
  officialToken = '';
  companyToken = '';
  ids: Record<string, string> = {};
  private roundTablesMade = 0;

  constructor(
    readonly serverUrl: string,
    readonly settings: Settings,
  ) {}

  async setUp(): Promise<void> {
    this.dbName = `rt_bench_${randomBytes(4).toString('hex')}`;
    this.admin = postgres(this.serverUrl, { max: 1, onnotice: () => {} });
    await this.admin.unsafe(`create database ${this.dbName}`);
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.dbName}`;
    this.dbUrl = url.toString();
    const database = await openDatabase({ databaseUrl: this.dbUrl, dataDir: '' });
    await migrate(database);
    await seedDemo(database);
    await database.close();
    const sql = this.sql();
    await sql`create table bench_rows (id uuid primary key default gen_random_uuid(), title text not null, body text not null, created_at timestamptz not null default now())`;
    await sql.end();

    this.app = await this.startApp();
    const baseline = this.track(startChild('servers/baseline-server.ts', [], { BENCH_DATABASE_URL: this.dbUrl }));
    const port = (await baseline.ready).port as number;
    this.baseline = { child: baseline, port, base: `http://127.0.0.1:${port}` };

    this.officialToken = await this.signIn('wang.li@tianjin-commerce.example');
    this.companyToken = await this.signIn('tanaka@hanami-motors.example');
    this.ids.agenda = await this.publishedRoundTable('Agenda read');
    this.ids.live = await this.publishedRoundTable('Live fan-out');
  }

  async tearDown(): Promise<void> {
    for (const c of this.children) c.kill();
    await Promise.all(this.children.map((c) => c.done));
    if (this.admin) {
      await this.admin.unsafe(`drop database if exists ${this.dbName} with (force)`).catch(() => {});
      await this.admin.end();
    }
  }

  log(line: string): void {
    process.stdout.write(`    ${line}\n`);
  }

  /** A short-lived connection to the bench database (seeding). */
  sql(): postgres.Sql {
    return postgres(this.dbUrl, { max: 4, onnotice: () => {} });
  }

  track(child: Child): Child {
    this.children.push(child);
    return child;
  }

  async startApp(): Promise<AppInstance> {
    // BENCH_APP_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`): Node flags for the app instances only.
    const flags = process.env.BENCH_APP_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const child = this.track(startChild('servers/app-server.ts', [], { BENCH_DATABASE_URL: this.dbUrl }, flags));
    const port = (await child.ready).port as number;
    return { child, port, base: `http://127.0.0.1:${port}` };
  }

  async api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, base = this.app.base): Promise<T> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  private async signIn(email: string): Promise<string> {
    // A freshly started instance (slower still under --cpu-prof) may shed its first requests (503 OVERLOADED).
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.api<{ token: string }>('POST', '/api/auth/tokens', { email, password: DEMO_PASSWORD });
        return r.token;
      } catch (err) {
        if (attempt >= 5 || !String(err).includes(': 503 ')) throw err;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** A scheduled, public round-table with a released agenda of 30 slots, made through the API. */
  async publishedRoundTable(title: string): Promise<string> {
    const t = this.officialToken;
    // One day each: the chair and the room cannot be booked twice at once.
    const day = String(++this.roundTablesMade).padStart(2, '0');
    const rt = await this.api<{ id: string }>(
      'POST',
      '/api/round-tables',
      {
        titleEn: title,
        titleJa: title,
        titleZh: title,
        descriptionEn: 'A round-table made by the benchmark.',
        venueName: 'Tianjin Meijiang Convention Center',
        venueRoom: `Bench room: ${title}`,
        start: `2027-03-${day}T09:00`,
        end: `2027-03-${day}T18:00`,
        capacity: 500,
      },
      t,
    );
    await this.api('POST', `/api/round-tables/${rt.id}/publish`, undefined, t);
    const items = Array.from({ length: 30 }, (_, i) => ({
      kind: 'presentation',
      titleEn: `Presentation ${i + 1}: customs, licences and the business environment`,
      titleJa: `発表 ${i + 1}：通関、許認可とビジネス環境`,
      titleZh: `发言 ${i + 1}：通关、许可与营商环境`,
      presenter: `Presenter ${i + 1}`,
      plannedMinutes: 15,
    }));
    const draft = await this.api<{ version: number }>('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 0, items }, t);
    await this.api('POST', `/api/round-tables/${rt.id}/agenda/releases`, { version: draft.version }, t);
    return rt.id;
  }

  /** Runs a generator child to completion and returns what it reported. */
  async generator<T>(file: string, options: unknown): Promise<T> {
    const child = startChild(file, [JSON.stringify(options)]);
    const result = (await child.done) as T | undefined;
    if (!result || (result as { ready?: boolean }).ready) throw new Error(`${file} reported nothing`);
    return result;
  }

  async appStats(instance = this.app, gc = false) {
    return instance.child.call<{ queries: number; rss: number; heapUsed: number }>('stats', { gc });
  }
}

export interface LoadFigure {
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  generatorCpu: number;
}

/** Warm-up, then `rounds` alternating runs of each target (same-run, interleaved); medians per target. */
export async function interleaved(ctx: Context, targets: Record<string, Record<string, unknown>>, connections: number, minSeconds = 0) {
  const { rounds, warmSeconds } = ctx.settings;
  const seconds = Math.max(ctx.settings.seconds, minSeconds);
  const generator = startChild('clients/autocannon-run.ts');
  await generator.ready;
  const runs: Record<string, LoadFigure[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  try {
    for (const opts of Object.values(targets)) await generator.call('run', { ...opts, connections, seconds: warmSeconds });
    for (let r = 0; r < rounds; r++) {
      for (const [name, opts] of Object.entries(targets)) {
        runs[name]!.push(await generator.call<LoadFigure>('run', { ...opts, connections, seconds }));
      }
    }
  } finally {
    generator.kill();
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        rps: median(list.map((f) => f.rps)),
        p50: median(list.map((f) => f.p50)),
        p99: median(list.map((f) => f.p99)),
        non2xx: list.reduce((s, f) => s + f.non2xx, 0),
        errors: list.reduce((s, f) => s + f.errors, 0),
        generatorCpu: median(list.map((f) => f.generatorCpu)),
        rounds: list.map((f) => Math.round(f.rps)),
      },
    ]),
  ) as Record<string, { rps: number; p50: number; p99: number; non2xx: number; errors: number; generatorCpu: number; rounds: number[] }>;
}
