// Open data: public issues, round-tables, decisions and actions as JSON or CSV, streamed page by
// page (keyset paging), never built in memory. Exactly what a stranger may see: anonymous issues
// without their company, nothing confidential, no people's names.
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { csvStream, type CsvCell } from '../../lib/csv.js';
import type { Principal } from '../../lib/principal.js';
import { companyNames, publicIssuesPage } from '../issues/issues.links.js';
import { listRoundTableRecords } from '../roundtables/roundtables.links.js';
import { canSeeCompany, mayView, viewerOf } from './outcomes.access.js';
import * as repo from './outcomes.repo.js';
import { decisionViews, loadFor } from './outcomes.views.js';
import { pledgeDueDate } from './pledge.js';

export type OpenDataKind = 'issues' | 'round-tables' | 'decisions' | 'actions';
type Row = Record<string, string | number | boolean | null | string[]>;

const PAGE = 200;
const STRANGER: Principal | null = null;

const COLUMNS: Record<OpenDataKind, string[]> = {
  issues: ['id', 'title', 'category', 'state', 'visibility', 'company', 'tags', 'supportCount', 'submittedAt'],
  'round-tables': ['id', 'titleEn', 'titleJa', 'titleZh', 'status', 'timeZone', 'startsAt', 'endsAt', 'pledgeDays', 'pledgeDueDate'],
  decisions: ['id', 'roundTableId', 'slotId', 'kind', 'text', 'department', 'reason', 'language', 'issueIds', 'createdAt'],
  actions: [
    'id',
    'decisionId',
    'roundTableId',
    'description',
    'ownerOrganization',
    'dueDate',
    'timeZone',
    'status',
    'percent',
    'overdue',
    'droppedReason',
    'createdAt',
    'updatedAt',
  ],
};

async function* issueRows(db: Db): AsyncGenerator<Row> {
  const v = viewerOf(STRANGER);
  for (let after: string | null = null; ;) {
    const page = await publicIssuesPage(db, after, PAGE);
    if (!page.length) return;
    const names = await companyNames(
      db,
      page.map((i) => i.companyId),
    );
    for (const i of page) {
      yield {
        id: i.id,
        title: i.title,
        category: i.category,
        state: i.state,
        visibility: i.visibility,
        company: canSeeCompany(v, i) ? (names.get(i.companyId)?.nameEn ?? null) : null,
        tags: i.tags,
        supportCount: i.supportCount,
        submittedAt: i.submittedAt?.toISOString() ?? null,
      };
    }
    after = page[page.length - 1]!.id;
  }
}

async function* roundTableRows(db: Db): AsyncGenerator<Row> {
  for (const rt of await listRoundTableRecords(db)) {
    if (!mayView(STRANGER, rt)) continue;
    yield {
      id: rt.id,
      titleEn: rt.titleEn,
      titleJa: rt.titleJa,
      titleZh: rt.titleZh,
      status: rt.status,
      timeZone: rt.timeZone,
      startsAt: rt.startsAt.toISOString(),
      endsAt: rt.endsAt.toISOString(),
      pledgeDays: rt.pledgeDays,
      pledgeDueDate: pledgeDueDate(rt.startsAt, rt.timeZone, rt.pledgeDays),
    };
  }
}

/** Decisions a stranger may see, page by page, projected (with their actions). */
async function* publicDecisionPages(db: Db) {
  const rts = new Map((await listRoundTableRecords(db)).map((rt) => [rt.id, rt]));
  const now = new Date();
  for (let after: string | null = null; ;) {
    const page = await repo.decisionsPage(db, after, PAGE);
    if (!page.length) return;
    const viewable = page.filter((d) => {
      const rt = rts.get(d.roundTableId);
      return rt && mayView(STRANGER, rt);
    });
    yield decisionViews(STRANGER, viewable, await loadFor(db, viewable, { withProgress: false }), () => false, now);
    after = page[page.length - 1]!.id;
  }
}

async function* decisionRows(db: Db): AsyncGenerator<Row> {
  for await (const page of publicDecisionPages(db)) {
    for (const d of page) {
      yield {
        id: d.id,
        roundTableId: d.roundTableId,
        slotId: d.slotId,
        kind: d.kind,
        text: d.text,
        department: d.department,
        reason: d.reason,
        language: d.language,
        issueIds: d.issues.map((i) => i.id),
        createdAt: new Date(d.createdAt).toISOString(),
      };
    }
  }
}

async function* actionRows(db: Db): AsyncGenerator<Row> {
  for await (const page of publicDecisionPages(db)) {
    for (const a of page.flatMap((d) => d.actions)) {
      yield {
        id: a.id,
        decisionId: a.decisionId,
        roundTableId: a.roundTableId,
        description: a.description,
        ownerOrganization: a.ownerOrganization?.nameEn ?? null,
        dueDate: a.dueDate,
        timeZone: a.timeZone,
        status: a.status,
        percent: a.percent,
        overdue: a.overdue,
        droppedReason: a.droppedReason,
        createdAt: new Date(a.createdAt).toISOString(),
        updatedAt: new Date(a.updatedAt).toISOString(),
      };
    }
  }
}

const SOURCES: Record<OpenDataKind, (db: Db) => AsyncGenerator<Row>> = {
  issues: issueRows,
  'round-tables': roundTableRows,
  decisions: decisionRows,
  actions: actionRows,
};

async function* cells(rows: AsyncGenerator<Row>, columns: string[]): AsyncGenerator<CsvCell[]> {
  for await (const row of rows)
    yield columns.map((c) => {
      const v = row[c] ?? null;
      return typeof v === 'boolean' ? String(v) : v;
    });
}

async function* json(rows: AsyncGenerator<Row>, columns: string[]): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const row of rows) {
    yield `${first ? '' : ','}\n${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}`;
    first = false;
  }
  yield '\n]\n';
}

export function exportStream(db: Db, kind: OpenDataKind, format: 'json' | 'csv'): Readable {
  const rows = SOURCES[kind](db);
  // CSV through the project's one CSV writer (quoting, formula escaping); JSON as an array, row by row.
  return format === 'csv' ? csvStream(COLUMNS[kind], cells(rows, COLUMNS[kind])) : Readable.from(json(rows, COLUMNS[kind]));
}
