// Minutes of one agenda slot: draft -> circulated (comments until a date) -> final (locked; addenda
// only). Every save is a new version; a save based on a stale version is refused, naming who saved first.
import { DateTime } from 'luxon';
import type { Db, Executor } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { translationsFor, type Original } from '../translations/translations.links.js';
import { wordDiff } from './diff.js';
import {
  issuesById,
  loadRoundTable,
  loadSlot,
  mayComment,
  requireHeld,
  requireStaff,
  type AgendaSlotRecord,
  type RoundTableRecord,
} from './outcomes.access.js';
import { announceOutcome } from './outcomes.events.js';
import * as people from './outcomes.repo.js';
import { personRef } from './outcomes.views.js';
import * as repo from './minutes.repo.js';

interface Ctx {
  rt: RoundTableRecord;
  staff: boolean;
  slot: AgendaSlotRecord;
}

async function context(db: Executor, viewer: Principal | null, id: string, slotId: string): Promise<Ctx> {
  const { rt, staff } = await loadRoundTable(db, viewer, id);
  return { rt, staff, slot: await loadSlot(db, id, slotId) };
}

const minutesNotFound = () => notFound('MINUTES_NOT_FOUND', 'These minutes are not available to you (yet)');

/** Staff always; once circulated those who may comment; once final whoever may view the round-table. */
async function assertReadable(db: Executor, viewer: Principal | null, ctx: Ctx, row: repo.MinutesRow | null): Promise<void> {
  if (ctx.staff) return;
  if (row?.status === 'final') return;
  if (row?.status === 'circulated' && (await mayComment(db, viewer, ctx.rt, ctx.slot))) return;
  throw minutesNotFound();
}

/** The minutes' text as the translations module sees it (the slot's id is the text's id). */
export const minutesOriginal = (row: Pick<repo.MinutesRow, 'slotId' | 'language' | 'text'>): Original => ({
  kind: 'minutes',
  textId: row.slotId,
  issueId: null,
  language: row.language,
  fields: { text: row.text },
});

/** `reader`: the language the viewer reads in; the minutes carry their translation into it (or null). */
async function view(db: Executor, viewer: Principal | null, ctx: Ctx, row: repo.MinutesRow | null, reader: Language | null = null) {
  const translation = row && row.version > 0 ? ((await translationsFor(db, [minutesOriginal(row)], reader)).get(row.slotId) ?? null) : null;
  const addenda = row ? await repo.addendaOf(db, [row.slotId]) : [];
  const who = await people.people(db, [row?.savedBy ?? null, ...addenda.map((a) => a.authorId)]);
  const open = row?.status === 'circulated' && row.commentsUntil !== null && row.commentsUntil.getTime() > Date.now();
  return {
    roundTableId: ctx.rt.id,
    slotId: ctx.slot.id,
    status: row?.status ?? 'draft',
    version: row?.version ?? 0,
    text: row?.text ?? '',
    language: row?.language ?? viewer?.language ?? 'en',
    translation,
    savedAt: row?.savedAt ?? null,
    savedBy: row?.savedBy ? personRef(who.get(row.savedBy), viewer, ctx.staff) : null,
    commentsUntil: row?.commentsUntil ?? null,
    finalizedAt: row?.finalizedAt ?? null,
    addenda: addenda.map((a) => ({
      id: a.id,
      text: a.text,
      language: a.language,
      createdAt: a.createdAt,
      author: personRef(who.get(a.authorId), viewer, ctx.staff),
    })),
    canEdit: ctx.staff && (ctx.rt.status === 'live' || ctx.rt.status === 'concluded') && row?.status !== 'final',
    canComment: open && (await mayComment(db, viewer, ctx.rt, ctx.slot)),
  };
}
export type MinutesView = Awaited<ReturnType<typeof view>>;

export async function getMinutes(db: Db, viewer: Principal | null, id: string, slotId: string, reader: Language | null = null): Promise<MinutesView> {
  const ctx = await context(db, viewer, id, slotId);
  const row = await repo.findMinutes(db, slotId);
  await assertReadable(db, viewer, ctx, row);
  return view(db, viewer, ctx, row, reader);
}

/** Saved minutes as a text to translate, for someone who may read them (404 TEXT_NOT_FOUND otherwise). */
export async function minutesText(db: Executor, viewer: Principal | null, slotId: string) {
  const textNotFound = () => notFound('TEXT_NOT_FOUND', 'No such text');
  const row = await repo.findMinutes(db, slotId);
  if (!row || row.version === 0) throw textNotFound();
  let ctx: Ctx;
  try {
    ctx = await context(db, viewer, row.roundTableId, slotId);
    await assertReadable(db, viewer, ctx, row);
  } catch {
    throw textNotFound();
  }
  return { original: minutesOriginal(row), rt: ctx.rt, row };
}

/** The minutes of every slot the viewer may read (the outcomes page). */
export async function readableMinutes(
  db: Executor,
  viewer: Principal | null,
  rt: RoundTableRecord,
  staff: boolean,
  slots: AgendaSlotRecord[],
  reader: Language | null = null,
) {
  const rows = new Map((await repo.minutesOfRoundTable(db, rt.id)).map((r) => [r.slotId, r]));
  const out = new Map<string, MinutesView>();
  for (const slot of slots) {
    const row = rows.get(slot.id) ?? null;
    if (!row) continue;
    const ctx = { rt, staff, slot };
    try {
      await assertReadable(db, viewer, ctx, row);
    } catch {
      continue;
    }
    out.set(slot.id, await view(db, viewer, ctx, row, reader));
  }
  return out;
}

/** Runs a staff-only change of the slot's minutes under the row lock, announcing it. */
async function change(
  db: Db,
  actor: Principal,
  id: string,
  slotId: string,
  apply: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], row: repo.MinutesRow, ctx: Ctx) => Promise<repo.MinutesRow>,
) {
  return db.transaction(async (tx) => {
    const ctx = await context(tx, actor, id, slotId);
    requireStaff(ctx.staff);
    requireHeld(ctx.rt);
    const row = await apply(tx, await repo.lockMinutes(tx, id, slotId), ctx);
    // Slot issues decide who else hears of it: final minutes are for everyone who may view the round-table.
    const issues = [...(await issuesById(tx, ctx.slot.issueIds)).values()];
    await announceOutcome(tx, ctx.rt, issues, { what: 'minutes', slotId }, actor.userId, { everyone: row.status === 'final' });
    return view(tx, actor, ctx, row, actor.language);
  });
}

const finalLocked = () => conflict('MINUTES_FINAL', 'Final minutes are locked; add an addendum instead');

/** `language`: the language the text is written in (default: the saver's). A change of text or language leaves its translations stale. */
export function saveMinutes(db: Db, actor: Principal, id: string, slotId: string, input: { text: string; baseVersion: number; language?: Language }) {
  return change(db, actor, id, slotId, async (tx, row) => {
    if (row.status === 'final') throw finalLocked();
    if (input.baseVersion !== row.version) {
      const who = row.savedBy ? (await people.people(tx, [row.savedBy])).get(row.savedBy) : undefined;
      throw conflict(
        'MINUTES_VERSION_CONFLICT',
        `${who?.displayName ?? 'Someone'} saved version ${row.version} first${row.savedAt ? ` at ${row.savedAt.toISOString()}` : ''}; reload and merge your changes`,
        { currentVersion: row.version, baseVersion: input.baseVersion, savedBy: who?.displayName ?? null, savedAt: row.savedAt?.toISOString() ?? null },
      );
    }
    const n = row.version + 1;
    const saved = await repo.insertVersion(tx, { slotId, n, text: input.text, savedBy: actor.userId });
    const language = input.language ?? actor.language;
    return repo.updateMinutes(tx, slotId, { version: n, text: input.text, language, savedAt: saved.savedAt, savedBy: actor.userId });
  });
}

export function circulateMinutes(db: Db, actor: Principal, id: string, slotId: string, input: { commentsUntil: string }) {
  return change(db, actor, id, slotId, async (tx, row) => {
    const until = DateTime.fromISO(input.commentsUntil);
    if (!until.isValid) throw badRequest('INVALID_DATE', 'commentsUntil must be an ISO date-time', { field: 'commentsUntil' });
    if (until.toMillis() <= Date.now()) throw badRequest('COMMENTS_UNTIL_PAST', 'The comment period must end in the future');
    if (row.status === 'final') throw finalLocked();
    if (row.version === 0) throw conflict('MINUTES_EMPTY', 'Save the minutes before circulating them');
    return repo.updateMinutes(tx, slotId, { status: 'circulated', commentsUntil: until.toJSDate() });
  });
}

export function finalizeMinutes(db: Db, actor: Principal, id: string, slotId: string) {
  return change(db, actor, id, slotId, async (tx, row) => {
    if (row.status === 'final') throw finalLocked();
    if (row.version === 0) throw conflict('MINUTES_EMPTY', 'Save the minutes before finalizing them');
    return repo.updateMinutes(tx, slotId, { status: 'final', finalizedAt: new Date(), finalizedBy: actor.userId });
  });
}

export function addAddendum(db: Db, actor: Principal, id: string, slotId: string, input: { text: string; language?: Language | undefined }) {
  return change(db, actor, id, slotId, async (tx, row) => {
    if (row.status !== 'final') throw conflict('MINUTES_NOT_FINAL', 'Addenda are for final minutes; edit the text while it is not final');
    await repo.insertAddendum(tx, { slotId, authorId: actor.userId, text: input.text, language: input.language ?? actor.language });
    return row;
  });
}

// Versions and diff --------------------------------------------------------------------------------

async function readable(db: Db, viewer: Principal | null, id: string, slotId: string) {
  const ctx = await context(db, viewer, id, slotId);
  await assertReadable(db, viewer, ctx, await repo.findMinutes(db, slotId));
  return ctx;
}

export async function listVersions(db: Db, viewer: Principal | null, id: string, slotId: string) {
  const ctx = await readable(db, viewer, id, slotId);
  const rows = await repo.versionsOf(db, slotId);
  const who = await people.people(
    db,
    rows.map((r) => r.savedBy),
  );
  return rows.map((r) => ({ n: r.n, savedAt: r.savedAt, savedBy: personRef(who.get(r.savedBy), viewer, ctx.staff), length: r.length }));
}

async function version(db: Db, slotId: string, n: number) {
  const row = await repo.findVersion(db, slotId, n);
  if (!row) throw new AppError(404, 'MINUTES_VERSION_NOT_FOUND', `No version ${n} of these minutes`, { version: n });
  return row;
}

export async function getVersion(db: Db, viewer: Principal | null, id: string, slotId: string, n: number) {
  const ctx = await readable(db, viewer, id, slotId);
  const row = await version(db, slotId, n);
  const who = await people.people(db, [row.savedBy]);
  return { n: row.n, savedAt: row.savedAt, savedBy: personRef(who.get(row.savedBy), viewer, ctx.staff), text: row.text };
}

export async function diffVersions(db: Db, viewer: Principal | null, id: string, slotId: string, from: number, to: number) {
  await readable(db, viewer, id, slotId);
  const [a, b] = [await version(db, slotId, from), await version(db, slotId, to)];
  const parts = wordDiff(a.text, b.text);
  const count = (op: string) => parts.filter((p) => p.op === op).reduce((n, p) => n + p.text.length, 0);
  return { from, to, parts, inserted: count('insert'), deleted: count('delete') };
}

// Comments -----------------------------------------------------------------------------------------

export async function listComments(db: Db, viewer: Principal, id: string, slotId: string) {
  const ctx = await readable(db, viewer, id, slotId);
  const rows = (await repo.commentsOf(db, slotId)).filter((c) => ctx.staff || c.authorId === viewer.userId);
  const who = await people.people(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((c) => ({
    id: c.id,
    text: c.text,
    language: c.language,
    createdAt: c.createdAt,
    author: personRef(who.get(c.authorId), viewer, ctx.staff),
    mine: c.authorId === viewer.userId,
  }));
}

export async function addComment(db: Db, actor: Principal, id: string, slotId: string, input: { text: string; language?: Language | undefined }) {
  return db.transaction(async (tx) => {
    const ctx = await context(tx, actor, id, slotId);
    if (!(await mayComment(tx, actor, ctx.rt, ctx.slot))) {
      throw forbidden('Registered attendees and the companies whose issues are on this item may comment', 'MINUTES_COMMENT_FORBIDDEN');
    }
    const row = await repo.lockMinutes(tx, id, slotId);
    if (row.status !== 'circulated') throw conflict('MINUTES_NOT_CIRCULATED', 'These minutes are not open for comments', { status: row.status });
    if (!row.commentsUntil || row.commentsUntil.getTime() <= Date.now()) {
      throw conflict('MINUTES_COMMENTS_CLOSED', 'The comment period has ended', { commentsUntil: row.commentsUntil?.toISOString() ?? null });
    }
    const c = await repo.insertComment(tx, { slotId, authorId: actor.userId, text: input.text, language: input.language ?? actor.language });
    const who = await people.people(tx, [actor.userId]);
    return { id: c.id, text: c.text, language: c.language, createdAt: c.createdAt, author: personRef(who.get(actor.userId), actor, true), mine: true };
  });
}
