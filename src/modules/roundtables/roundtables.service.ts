// Round-tables: create and edit in the venue's zone, publish, reschedule (with history), cancel,
// run (live, concluded); conflicts of room and chair; views projected for the viewer.
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Executor, Tx } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { DEFAULT_ZONE } from '../../lib/time.js';
import { signalUser } from '../notifications/notifications.links.js';
import { isStaffOf, loadForStaff, loadVisible, mayView } from './roundtables.access.js';
import { assertAgendaFits } from './agenda.service.js';
import { promoteWaitlist } from './registrations.service.js';
import { emitRoundTable, noticeOf, notifyUsers } from './roundtables.events.js';
import * as issues from './roundtables.issues.js';
import * as repo from './roundtables.repo.js';
import * as listRepo from './roundtables.list.repo.js';
import * as registrationsRepo from './registrations.repo.js';
import * as agendaRepo from './agenda.repo.js';
import { localWithOffset } from '../../lib/time-format.js';
import { roundTableLanguage, roundTableTranslations, translateRoundTableTexts, descriptionsOf, titlesOf } from './roundtables.translatable.js';
import { canonicalZone, instantToLocal, localToInstant, MAX_DURATION_MINUTES, minutesBetween } from './roundtables.time.js';

/** With a room or chair key: serializes the writes that could create that room's or chair's conflict (checked, then written, under it). */
const SCHEDULE_LOCK = 7_100_2018;

export const THEMES = ['general', 'investment', 'modern_services', 'intellectual_property', 'business_environment'] as const;

export interface RoundTableInput {
  titleEn?: string;
  titleJa?: string;
  titleZh?: string;
  descriptionEn?: string;
  descriptionJa?: string;
  descriptionZh?: string;
  theme?: string;
  hostOrganizationId?: string;
  chairId?: string;
  venueName?: string | null;
  venueAddress?: string | null;
  venueRoom?: string | null;
  venueCityEn?: string | null;
  venueCityJa?: string | null;
  venueCityZh?: string | null;
  onlineUrl?: string | null;
  timeZone?: string;
  start?: string;
  end?: string;
  capacity?: number;
  seatsPerCompany?: number;
  requiresApproval?: boolean;
  audience?: 'public' | 'registered';
  proposalDeadline?: string | null;
  pledgeDays?: number;
}

const blankToNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());

// Views ----------------------------------------------------------------------------------------------

/** What anyone who may see the round-table may see of it (no registrant details, no internal notes). */
export function roundTableSummary(rt: repo.RoundTableRow) {
  return {
    id: rt.id,
    status: rt.status,
    titleEn: rt.titleEn,
    titleJa: rt.titleJa,
    titleZh: rt.titleZh,
    descriptionEn: rt.descriptionEn,
    descriptionJa: rt.descriptionJa,
    descriptionZh: rt.descriptionZh,
    theme: rt.theme,
    hostOrganizationId: rt.hostOrganizationId,
    chairId: rt.chairId,
    venueName: rt.venueName,
    venueAddress: rt.venueAddress,
    venueRoom: rt.venueRoom,
    venueCityEn: rt.venueCityEn,
    venueCityJa: rt.venueCityJa,
    venueCityZh: rt.venueCityZh,
    onlineUrl: rt.onlineUrl,
    timeZone: rt.timeZone,
    startsAt: rt.startsAt.toISOString(),
    endsAt: rt.endsAt.toISOString(),
    localStart: localWithOffset(rt.startsAt, rt.timeZone),
    localEnd: localWithOffset(rt.endsAt, rt.timeZone),
    durationMinutes: minutesBetween(rt.startsAt, rt.endsAt),
    capacity: rt.capacity,
    seatsPerCompany: rt.seatsPerCompany,
    requiresApproval: rt.requiresApproval,
    audience: rt.audience,
    proposalDeadline: rt.proposalDeadline ? rt.proposalDeadline.toISOString() : null,
    pledgeDays: rt.pledgeDays,
    cancelReason: rt.cancelReason,
    sequence: rt.sequence,
  };
}

async function viewOf(db: Executor, viewer: Principal | null, rt: repo.RoundTableRow) {
  const [seats, chair, host, mine, release] = await Promise.all([
    registrationsRepo.seatCounts(db, rt.id),
    repo.findPerson(db, rt.chairId),
    repo.findOrganizationNames(db, rt.hostOrganizationId),
    viewer ? registrationsRepo.activeRegistration(db, rt.id, viewer.userId) : null,
    agendaRepo.latestRelease(db, rt.id),
  ]);
  return {
    ...roundTableSummary(rt),
    chairName: chair?.displayName ?? '',
    host: host ? { nameEn: host.nameEn, nameJa: host.nameJa, nameZh: host.nameZh } : { nameEn: '', nameJa: '', nameZh: '' },
    seatsTaken: seats.taken,
    waitlisted: seats.waitlisted,
    myRegistration: mine ? { id: mine.id, status: mine.status } : null,
    isStaff: isStaffOf(viewer, rt),
    latestRelease: release?.number ?? null,
  };
}

/** The round-tables the viewer may see, by start time, in one query; with `limit`, a page and the cursor of the next. */
export async function listRoundTables(
  db: Db,
  viewer: Principal | null,
  opts: { mine?: boolean; limit?: number | undefined; cursor?: string | undefined } = {},
) {
  if (opts.mine && !viewer) return { items: [], nextCursor: null };
  const after = opts.cursor === undefined ? undefined : decodeListCursor(opts.cursor);
  const rows = await listRepo.listRoundTableViews(db, {
    viewer,
    mine: opts.mine ?? false,
    limit: opts.limit === undefined ? undefined : opts.limit + 1,
    after,
  });
  const more = opts.limit !== undefined && rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  const last = page[page.length - 1];
  const items = page.map((r) => ({
    ...roundTableSummary(r.rt),
    chairName: r.chairName ?? '',
    host: { nameEn: r.hostEn ?? '', nameJa: r.hostJa ?? '', nameZh: r.hostZh ?? '' },
    seatsTaken: r.seatsTaken,
    waitlisted: r.waitlisted,
    myRegistration: r.myRegistrationId ? { id: r.myRegistrationId, status: r.myRegistrationStatus as registrationsRepo.RegistrationStatus } : null,
    isStaff: isStaffOf(viewer, r.rt),
    latestRelease: r.latestRelease === null ? null : Number(r.latestRelease),
  }));
  return { items, nextCursor: more && last ? Buffer.from(JSON.stringify([last.startsAtKey, last.rt.id])).toString('base64url') : null };
}

// A cursor holds starts_at as PostgreSQL prints it (e.g. 2026-12-15 06:00:00+00) and the id.
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeListCursor(cursor: string): [string, string] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  const [at, id] = Array.isArray(values) && values.length === 2 ? (values as unknown[]) : [];
  const ok =
    typeof at === 'string' &&
    CURSOR_INSTANT.test(at) &&
    DateTime.fromISO(at.replace(' ', 'T'), { setZone: true }).isValid &&
    typeof id === 'string' &&
    CURSOR_ID.test(id);
  if (!ok) throw badRequest('INVALID_CURSOR', 'This page cursor is not valid for this list');
  return [at, id];
}

export async function getRoundTable(db: Db, viewer: Principal | null, id: string) {
  const rt = await loadVisible(db, viewer, id);
  const [view, reschedules] = await Promise.all([viewOf(db, viewer, rt), repo.listReschedules(db, id)]);
  return {
    ...view,
    language: rt.language,
    translations: await roundTableTranslations(db, rt),
    reschedules: reschedules.map((r) => ({
      ...r,
      previousStartsAt: r.previousStartsAt.toISOString(),
      previousEndsAt: r.previousEndsAt.toISOString(),
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

// Rules --------------------------------------------------------------------------------------------

const norm = (s: string | null) => (s ?? '').trim().toLowerCase();

/** Refuses an overlap with another active round-table in the same room or with the same chair, naming it
 * when the actor may see it (another organization's draft stays unnamed). */
async function assertNoConflicts(
  tx: Tx,
  actor: Principal,
  rt: Pick<repo.RoundTableRow, 'chairId' | 'venueName' | 'venueRoom' | 'startsAt' | 'endsAt'> & { id: string | null },
) {
  // One lock per room and per chair (not one for all scheduling): writers that share neither never
  // wait for each other; those that share one are serialized, so two cannot both pass the check.
  // Taken in a fixed order (no deadlock); a hash collision only serializes two unrelated writers.
  const keys = [`chair:${rt.chairId}`, ...(rt.venueName ? [`room:${norm(rt.venueName)}\n${norm(rt.venueRoom)}`] : [])].sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(${SCHEDULE_LOCK}, hashtext(${key}))`);
  const others = await repo.overlapping(tx, { excludeId: rt.id, startsAt: rt.startsAt, endsAt: rt.endsAt });
  const named = (o: repo.RoundTableRow) => (mayView(actor, o) ? `"${o.titleEn || o.titleZh || o.titleJa}"` : 'another round-table');
  const detail = (o: repo.RoundTableRow) =>
    mayView(actor, o)
      ? {
          conflictingRoundTableId: o.id,
          conflictingTitle: named(o),
          conflictingStartsAt: o.startsAt.toISOString(),
          conflictingEndsAt: o.endsAt.toISOString(),
        }
      : undefined;
  const room = rt.venueName
    ? others.find((o) => o.venueName && norm(o.venueName) === norm(rt.venueName) && norm(o.venueRoom) === norm(rt.venueRoom))
    : undefined;
  if (room) throw conflict('VENUE_CONFLICT', `The room is taken at that time by ${named(room)}`, detail(room));
  const chair = others.find((o) => o.chairId === rt.chairId);
  if (chair) throw conflict('CHAIR_CONFLICT', `The chair already chairs ${named(chair)} at that time`, detail(chair));
}

async function assertChair(db: Executor, chairId: string) {
  const chair = await repo.findPerson(db, chairId);
  if (!chair || chair.deactivatedAt) throw badRequest('CHAIR_NOT_FOUND', 'No such active user to chair the round-table');
  if (chair.role !== 'official') throw badRequest('CHAIR_NOT_OFFICIAL', 'The chair must be an official');
}

/** End after start, at most a day long, and (for a new or moved time) not starting in the past. */
function assertTimes(startsAt: Date, endsAt: Date, opts: { future: boolean }) {
  if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('END_BEFORE_START', 'The round-table must end after it starts');
  if (minutesBetween(startsAt, endsAt) > MAX_DURATION_MINUTES) {
    throw badRequest('DURATION_TOO_LONG', 'A round-table lasts at most a day (24 hours)', { maxMinutes: MAX_DURATION_MINUTES });
  }
  if (opts.future && startsAt.getTime() < Date.now()) throw badRequest('START_IN_PAST', 'A round-table cannot start in the past');
}

function assertShape(v: { titleEn: string; titleJa: string; titleZh: string; venueName: string | null; onlineUrl: string | null; theme: string }) {
  if (!v.titleEn.trim() && !v.titleJa.trim() && !v.titleZh.trim()) throw badRequest('TITLE_REQUIRED', 'Give a title in at least one language');
  if (!v.venueName && !v.onlineUrl) throw badRequest('LOCATION_REQUIRED', 'Give a venue, an online link, or both');
  if (!(THEMES as readonly string[]).includes(v.theme)) throw badRequest('INVALID_THEME', `Theme must be one of ${THEMES.join(', ')}`);
  if (v.onlineUrl && !/^https:\/\/\S+$/.test(v.onlineUrl)) throw badRequest('INVALID_ONLINE_URL', 'The online link must be an https:// URL');
}

function deadlineOf(input: string | null | undefined, zone: string, startsAt: Date): Date | null {
  if (!input) return null;
  const deadline = localToInstant(input, zone, 'proposalDeadline');
  if (deadline.getTime() > startsAt.getTime()) throw badRequest('PROPOSAL_DEADLINE_AFTER_START', 'The proposal deadline must be before the start');
  return deadline;
}

// Writes -------------------------------------------------------------------------------------------

/** `historical` lets the demo seed record round-tables that already took place; no route passes it. */
export async function createRoundTable(
  db: Db,
  actor: Principal,
  input: RoundTableInput & { start: string; end: string; capacity: number },
  opts: { historical?: boolean } = {},
) {
  const zone = canonicalZone(input.timeZone ?? DEFAULT_ZONE);
  const startsAt = localToInstant(input.start, zone, 'start');
  const endsAt = localToInstant(input.end, zone, 'end');
  assertTimes(startsAt, endsAt, { future: !opts.historical });
  const hostOrganizationId = input.hostOrganizationId ?? actor.organizationId;
  if (!hostOrganizationId || hostOrganizationId !== actor.organizationId) {
    throw forbidden('Officials host round-tables for their own organization', 'HOST_NOT_OWN_ORGANIZATION');
  }
  const chairId = input.chairId ?? actor.userId;
  const values: repo.RoundTableValues = {
    titleEn: input.titleEn ?? '',
    titleJa: input.titleJa ?? '',
    titleZh: input.titleZh ?? '',
    descriptionEn: input.descriptionEn ?? '',
    descriptionJa: input.descriptionJa ?? '',
    descriptionZh: input.descriptionZh ?? '',
    theme: input.theme ?? 'general',
    hostOrganizationId,
    chairId,
    venueName: blankToNull(input.venueName) ?? null,
    venueAddress: blankToNull(input.venueAddress) ?? null,
    venueRoom: blankToNull(input.venueRoom) ?? null,
    venueCityEn: blankToNull(input.venueCityEn) ?? null,
    venueCityJa: blankToNull(input.venueCityJa) ?? null,
    venueCityZh: blankToNull(input.venueCityZh) ?? null,
    onlineUrl: blankToNull(input.onlineUrl) ?? null,
    timeZone: zone,
    startsAt,
    endsAt,
    capacity: input.capacity,
    seatsPerCompany: input.seatsPerCompany ?? 2,
    requiresApproval: input.requiresApproval ?? false,
    audience: input.audience ?? 'public',
    proposalDeadline: deadlineOf(input.proposalDeadline, zone, startsAt),
    pledgeDays: input.pledgeDays ?? 100,
    createdBy: actor.userId,
  };
  assertShape(values as Parameters<typeof assertShape>[0]);
  // The language the title and description are written in; the others' fields become translations.
  values.language = roundTableLanguage(titlesOf(values as repo.RoundTableRow), descriptionsOf(values as repo.RoundTableRow), null, actor.language);
  await assertChair(db, chairId);
  return db.transaction(async (tx) => {
    await assertNoConflicts(tx, actor, { id: null, ...values, venueName: values.venueName ?? null, venueRoom: values.venueRoom ?? null });
    const rt = await translateRoundTableTexts(tx, actor, await repo.insertRoundTable(tx, values), null);
    await emitRoundTable(tx, rt, 'roundtable.created', null, { roundTable: roundTableSummary(rt) }, actor.userId);
    return getRoundTableIn(tx, actor, rt);
  });
}

async function getRoundTableIn(db: Executor, viewer: Principal, rt: repo.RoundTableRow) {
  return { ...(await viewOf(db, viewer, rt)), language: rt.language, translations: await roundTableTranslations(db, rt), reschedules: [] as never[] };
}

/** Edits a round-table. On a published one, a change of time, zone, venue or online link is a
 * reschedule: the one path below records the history, bumps the calendar SEQUENCE and tells
 * everyone registered (`POST .../reschedule` is this same function with times only). */
export async function updateRoundTable(db: Db, actor: Principal, id: string, input: RoundTableInput & { reason?: string }) {
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    return editIn(tx, actor, rt, input, { reason: input.reason, reschedule: false });
  });
}

const PLACE_FIELDS = ['venueName', 'venueRoom', 'venueAddress', 'onlineUrl'] as const;

async function editIn(tx: Tx, actor: Principal, rt: repo.RoundTableRow, input: RoundTableInput, opts: { reason: string | undefined; reschedule: boolean }) {
  if (rt.status === 'cancelled' || rt.status === 'concluded')
    throw conflict('ROUND_TABLE_CLOSED', `A ${rt.status} round-table cannot be edited`, { status: rt.status });
  const zone = input.timeZone !== undefined ? canonicalZone(input.timeZone) : rt.timeZone;
  // A new zone keeps the wall-clock times unless new ones are given.
  const timed = input.start !== undefined || input.end !== undefined || input.timeZone !== undefined;
  const startsAt =
    input.start !== undefined
      ? localToInstant(input.start, zone, 'start')
      : timed
        ? localToInstant(instantToLocal(rt.startsAt, rt.timeZone), zone, 'start')
        : rt.startsAt;
  const endsAt =
    input.end !== undefined ? localToInstant(input.end, zone, 'end') : timed ? localToInstant(instantToLocal(rt.endsAt, rt.timeZone), zone, 'end') : rt.endsAt;
  const timing = zone !== rt.timeZone || startsAt.getTime() !== rt.startsAt.getTime() || endsAt.getTime() !== rt.endsAt.getTime();
  const { start: _s, end: _e, proposalDeadline, ...rest } = input;
  const patch: Partial<repo.RoundTableValues> = {
    ...rest,
    ...(input.venueName !== undefined ? { venueName: blankToNull(input.venueName) ?? null } : {}),
    ...(input.venueAddress !== undefined ? { venueAddress: blankToNull(input.venueAddress) ?? null } : {}),
    ...(input.venueRoom !== undefined ? { venueRoom: blankToNull(input.venueRoom) ?? null } : {}),
    ...(input.venueCityEn !== undefined ? { venueCityEn: blankToNull(input.venueCityEn) ?? null } : {}),
    ...(input.venueCityJa !== undefined ? { venueCityJa: blankToNull(input.venueCityJa) ?? null } : {}),
    ...(input.venueCityZh !== undefined ? { venueCityZh: blankToNull(input.venueCityZh) ?? null } : {}),
    ...(input.onlineUrl !== undefined ? { onlineUrl: blankToNull(input.onlineUrl) ?? null } : {}),
    timeZone: zone,
    startsAt: timing ? startsAt : rt.startsAt,
    endsAt: timing ? endsAt : rt.endsAt,
    ...(proposalDeadline !== undefined ? { proposalDeadline: deadlineOf(proposalDeadline, zone, startsAt) } : {}),
  };
  delete (patch as { reason?: string }).reason;
  const moved = timing || PLACE_FIELDS.some((k) => patch[k] !== undefined && patch[k] !== rt[k]);
  const published = rt.status !== 'draft';
  if (moved && rt.status === 'live') throw conflict('ROUND_TABLE_LIVE', 'A live round-table cannot be moved');
  if (timing) assertTimes(startsAt, endsAt, { future: true });
  if (input.hostOrganizationId !== undefined && input.hostOrganizationId !== rt.hostOrganizationId) {
    throw forbidden('The host organization cannot be changed', 'HOST_NOT_OWN_ORGANIZATION');
  }
  const next = { ...rt, ...patch };
  if (proposalDeadline === undefined && next.proposalDeadline && next.proposalDeadline.getTime() > next.startsAt.getTime()) {
    throw badRequest('PROPOSAL_DEADLINE_AFTER_START', 'The proposal deadline must be before the new start');
  }
  assertShape(next);
  if (input.chairId !== undefined) await assertChair(tx, input.chairId);
  if (next.capacity < 1) throw badRequest('INVALID_CAPACITY', 'Capacity must be at least 1');
  await assertNoConflicts(tx, actor, next);
  await assertAgendaFits(tx, next);
  const rescheduled = moved && (published || opts.reschedule);
  // The original stays in its language while it has a text there; other languages' edits are translations.
  patch.language = roundTableLanguage(titlesOf(next), descriptionsOf(next), rt.language, actor.language);
  const stored = await repo.updateRoundTableRow(tx, rt.id, rescheduled ? { ...patch, sequence: rt.sequence + 1 } : patch);
  const updated = await translateRoundTableTexts(tx, actor, stored, rt);
  if (updated.chairId !== rt.chairId) {
    // Live subscriptions are authorized when made: the former chair's open sockets must
    // reconnect, so their staff-only subscriptions are checked again.
    await signalUser(tx, rt.chairId, 'access.changed', { role: 'official' }, actor.userId);
  }
  if (rescheduled) {
    const reason = opts.reason?.trim() ?? '';
    await repo.insertReschedule(tx, {
      roundTableId: rt.id,
      previousStartsAt: rt.startsAt,
      previousEndsAt: rt.endsAt,
      startsAt: updated.startsAt,
      endsAt: updated.endsAt,
      timeZone: updated.timeZone,
      reason,
      actorId: actor.userId,
    });
    const change = {
      roundTable: roundTableSummary(updated),
      previousStartsAt: rt.startsAt.toISOString(),
      previousEndsAt: rt.endsAt.toISOString(),
      reason,
    };
    await emitRoundTable(tx, updated, 'roundtable.rescheduled', change, change, actor.userId);
    const notice = { ...noticeOf(updated), previousStartsAt: change.previousStartsAt, previousEndsAt: change.previousEndsAt, reason };
    await notifyUsers(tx, await registrationsRepo.activeRegistrantIds(tx, rt.id), 'roundtable.rescheduled', notice, actor.userId);
  } else {
    await emitRoundTable(
      tx,
      updated,
      'roundtable.updated',
      { roundTable: roundTableSummary(updated) },
      { roundTable: roundTableSummary(updated) },
      actor.userId,
    );
  }
  if (updated.capacity > rt.capacity) await promoteWaitlist(tx, updated, actor.userId);
  return viewOf(tx, actor, updated);
}

/** draft -> scheduled: from now on it is visible to its audience and open for registration. */
export async function publishRoundTable(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    if (rt.status !== 'draft') throw conflict('TRANSITION_NOT_ALLOWED', `Cannot publish a ${rt.status} round-table`, { state: rt.status });
    const updated = await repo.updateRoundTableRow(tx, id, { status: 'scheduled' });
    await emitRoundTable(
      tx,
      updated,
      'roundtable.published',
      { roundTable: roundTableSummary(updated) },
      { roundTable: roundTableSummary(updated) },
      actor.userId,
    );
    return viewOf(tx, actor, updated);
  });
}

/** Moves it to new local times (optionally a new zone); keeps the history; tells everyone registered. */
export async function rescheduleRoundTable(db: Db, actor: Principal, id: string, input: { start: string; end: string; timeZone?: string; reason?: string }) {
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    if (rt.status !== 'draft' && rt.status !== 'scheduled')
      throw conflict('TRANSITION_NOT_ALLOWED', `Cannot reschedule a ${rt.status} round-table`, { state: rt.status });
    const { reason, ...times } = input;
    return editIn(tx, actor, rt, times, { reason, reschedule: true });
  });
}

export async function cancelRoundTable(db: Db, actor: Principal, id: string, reason: string) {
  if (!reason.trim()) throw badRequest('REASON_REQUIRED', 'Say why the round-table is cancelled');
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    if (rt.status !== 'draft' && rt.status !== 'scheduled')
      throw conflict('TRANSITION_NOT_ALLOWED', `Cannot cancel a ${rt.status} round-table`, { state: rt.status });
    // Its issues go back to the pool of accepted issues, ready for another round-table.
    const linked = [...new Set((await agendaRepo.agendaOf(tx, id)).flatMap((i) => i.issueIds))];
    if (linked.length) await issues.unschedule(tx, actor, linked);
    const updated = await repo.updateRoundTableRow(tx, id, { status: 'cancelled', cancelReason: reason.trim(), sequence: rt.sequence + 1 });
    const change = { roundTable: roundTableSummary(updated), reason: reason.trim() };
    // A draft's audience never saw it: only its staff hear of the cancellation.
    await emitRoundTable(tx, rt.status === 'draft' ? rt : updated, 'roundtable.cancelled', change, change, actor.userId);
    await notifyUsers(
      tx,
      await registrationsRepo.activeRegistrantIds(tx, id),
      'roundtable.cancelled',
      { ...noticeOf(updated), reason: change.reason },
      actor.userId,
    );
    return viewOf(tx, actor, updated);
  });
}

async function moveStatus(tx: Tx, actor: Principal, id: string, from: 'scheduled' | 'live', to: 'live' | 'concluded') {
  const rt = await loadForStaff(tx, actor, id, { lock: true });
  if (rt.status !== from) throw conflict('TRANSITION_NOT_ALLOWED', `Cannot move a ${rt.status} round-table to ${to}`, { state: rt.status });
  const updated = await repo.updateRoundTableRow(tx, id, { status: to });
  await emitRoundTable(tx, updated, `roundtable.${to}`, { roundTable: roundTableSummary(updated) }, { roundTable: roundTableSummary(updated) }, actor.userId);
  if (to === 'live') await notifyUsers(tx, await registrationsRepo.activeRegistrantIds(tx, id), 'roundtable.live', noticeOf(updated), actor.userId);
  return updated;
}

/** scheduled -> live, inside the live session's start (the only caller: one way to start). */
export const startRoundTableIn = (tx: Tx, actor: Principal, id: string) => moveStatus(tx, actor, id, 'scheduled', 'live');
/** live -> concluded, inside the live session's end (the only caller: one way to end). */
export const concludeRoundTableIn = (tx: Tx, actor: Principal, id: string) => moveStatus(tx, actor, id, 'live', 'concluded');
