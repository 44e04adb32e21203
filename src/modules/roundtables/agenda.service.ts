// The agenda builder: officials edit a draft (ordered slots, sections one level deep), it must fit the
// round-table's time, and they publish it as numbered releases with a generated changelog. The public
// only ever sees releases; internal notes never leave the staff views.
import { randomUUID } from 'node:crypto';
import type { Db, Executor, Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, isUniqueViolation } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { changelog, type ChangelogEntry, type ReleasedItem } from './agenda.changelog.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { emitRoundTable, noticeOf, notifyUsers } from './roundtables.events.js';
import * as issues from './roundtables.issues.js';
import * as repo from './roundtables.repo.js';
import * as registrationsRepo from './registrations.repo.js';
import * as agendaRepo from './agenda.repo.js';
import { isStaffOf, loadForStaff, loadVisible, mayView } from './roundtables.access.js';
import { localWithOffset } from '../../lib/time-format.js';
import { minutesBetween } from './roundtables.time.js';
import { releasedTitles, sourceLanguageOf, titlesOf, translateAgendaTitles } from './roundtables.translatable.js';

export type { ItemKind } from './agenda.changelog.js';
import type { ItemKind } from './agenda.changelog.js';
export type SlotKind = Exclude<ItemKind, 'section'>;

export interface AgendaItemInput {
  id?: string;
  kind: ItemKind;
  titleEn?: string;
  titleJa?: string;
  titleZh?: string;
  presenter?: string;
  plannedMinutes?: number;
  internalNotes?: string;
  issueIds?: string[];
  items?: AgendaItemInput[];
}

interface FlatItem {
  id: string;
  sectionId: string | null;
  kind: ItemKind;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  presenter: string;
  plannedMinutes: number;
  internalNotes: string;
  issueIds: string[];
}

// Timing ----------------------------------------------------------------------------------------------

/** Each item's offset from the start; a section spans its slots. Returns the flat items with offsets. */
function timed<T extends Omit<FlatItem, 'internalNotes'> & { internalNotes?: string }>(items: T[]): (T & { offsetMinutes: number })[] {
  let cursor = 0;
  const sections = new Map<string, number>();
  const out = items.map((item) => {
    const offset = cursor;
    if (item.kind === 'section') sections.set(item.id, 0);
    else {
      cursor += item.plannedMinutes;
      if (item.sectionId) sections.set(item.sectionId, (sections.get(item.sectionId) ?? 0) + item.plannedMinutes);
    }
    return { ...item, offsetMinutes: offset };
  });
  return out.map((item) => (item.kind === 'section' ? { ...item, plannedMinutes: sections.get(item.id) ?? 0 } : item));
}

const plannedTotal = (items: { kind: string; plannedMinutes: number }[]) =>
  items.filter((i) => i.kind !== 'section').reduce((sum, i) => sum + i.plannedMinutes, 0);

export function fitOf(rt: Pick<repo.RoundTableRow, 'startsAt' | 'endsAt'>, items: { kind: string; plannedMinutes: number }[]) {
  const availableMinutes = minutesBetween(rt.startsAt, rt.endsAt);
  const plannedMinutes = plannedTotal(items);
  return { availableMinutes, plannedMinutes, overByMinutes: Math.max(0, plannedMinutes - availableMinutes), fits: plannedMinutes <= availableMinutes };
}

function assertFits(rt: Pick<repo.RoundTableRow, 'startsAt' | 'endsAt'>, items: { kind: string; plannedMinutes: number }[]) {
  const fit = fitOf(rt, items);
  if (!fit.fits) {
    throw new AppError(
      422,
      'AGENDA_OVER_TIME',
      `The agenda is ${fit.overByMinutes} minutes longer than the round-table (${fit.plannedMinutes} planned, ${fit.availableMinutes} available)`,
      fit,
    );
  }
}

/** Used by edits and reschedules: the current draft must still fit the (new) times. */
export async function assertAgendaFits(tx: Tx, rt: Pick<repo.RoundTableRow, 'id' | 'startsAt' | 'endsAt'>) {
  assertFits(rt, await agendaRepo.agendaOf(tx, rt.id));
}

/** Nests flat items (sections with their slots), with start instants and venue-local times. */
function nest<T extends { id: string; sectionId: string | null; kind: ItemKind; offsetMinutes: number }>(rt: repo.RoundTableRow, items: T[]) {
  const withTimes = items.map((i) => {
    const startsAt = new Date(rt.startsAt.getTime() + i.offsetMinutes * 60_000);
    return { ...i, startsAt: startsAt.toISOString(), localStart: localWithOffset(startsAt, rt.timeZone) };
  });
  type Node = (typeof withTimes)[number] & { items?: Node[] };
  const top: Node[] = [];
  const sections = new Map<string, Node>();
  for (const item of withTimes) {
    const node: Node = item.kind === 'section' ? { ...item, items: [] } : { ...item };
    if (item.kind === 'section') sections.set(item.id, node);
    const parent = item.sectionId ? sections.get(item.sectionId) : undefined;
    if (parent) parent.items!.push(node);
    else top.push(node);
  }
  return top;
}

// Draft --------------------------------------------------------------------------------------------

function flatRow(r: agendaRepo.AgendaItemRow): FlatItem {
  return {
    id: r.id,
    sectionId: r.sectionId,
    kind: r.kind,
    titleEn: r.titleEn,
    titleJa: r.titleJa,
    titleZh: r.titleZh,
    presenter: r.presenter,
    plannedMinutes: r.plannedMinutes,
    internalNotes: r.internalNotes,
    issueIds: r.issueIds,
  };
}

async function draftView(db: Executor, rt: repo.RoundTableRow, viewer: Principal) {
  const rows = (await agendaRepo.agendaOf(db, rt.id)).map(flatRow);
  const items = timed(rows);
  const last = await agendaRepo.latestRelease(db, rt.id);
  const issueIds = [...new Set(rows.flatMap((r) => r.issueIds))];
  return {
    roundTableId: rt.id,
    version: rt.agendaVersion,
    timeZone: rt.timeZone,
    ...fitOf(rt, rows),
    latestRelease: last?.number ?? null,
    unpublishedChanges: last ? last.agendaVersion !== rt.agendaVersion : rows.length > 0,
    items: nest(rt, items),
    issues: await issues.issueViews(db, viewer, issueIds),
  };
}

export async function getDraft(db: Db, actor: Principal, id: string) {
  const rt = await loadForStaff(db, actor, id);
  return draftView(db, rt, actor);
}

function flatten(rt: repo.RoundTableRow, input: AgendaItemInput[], existing: Set<string>): FlatItem[] {
  const out: FlatItem[] = [];
  const seen = new Set<string>();
  const idFor = (given: string | undefined) => {
    if (given && seen.has(given)) throw badRequest('DUPLICATE_AGENDA_ITEM', `Agenda item ${given} appears twice`);
    const id = given && existing.has(given) ? given : randomUUID();
    seen.add(id);
    return id;
  };
  const push = (item: AgendaItemInput, sectionId: string | null) => {
    const id = idFor(item.id);
    if (item.kind === 'section') {
      if (sectionId) throw badRequest('SECTION_TOO_DEEP', 'Sections cannot contain sections');
    } else if (item.items?.length) throw badRequest('ITEMS_ONLY_IN_SECTIONS', 'Only sections contain slots');
    const issueIds = [...new Set(item.issueIds ?? [])];
    if (item.kind === 'issue' && issueIds.length === 0) throw badRequest('ISSUE_SLOT_NEEDS_ISSUES', 'An issue slot links at least one accepted issue');
    if (item.kind !== 'issue' && issueIds.length > 0) throw badRequest('ISSUES_ONLY_IN_ISSUE_SLOTS', 'Only issue slots link issues');
    out.push({
      id,
      sectionId,
      kind: item.kind,
      titleEn: item.titleEn ?? '',
      titleJa: item.titleJa ?? '',
      titleZh: item.titleZh ?? '',
      presenter: item.presenter ?? '',
      plannedMinutes: item.kind === 'section' ? 0 : (item.plannedMinutes ?? 0),
      internalNotes: item.internalNotes ?? '',
      issueIds,
    });
    if (item.kind === 'section') for (const child of item.items ?? []) push(child, id);
  };
  for (const item of input) push(item, null);
  const linked = out.flatMap((i) => i.issueIds);
  if (new Set(linked).size !== linked.length) throw badRequest('ISSUE_LINKED_TWICE', 'An issue can be on one slot of the agenda only');
  void rt;
  return out;
}

/** Replaces the draft agenda (optimistic: `version` must be the one the editor loaded). */
export async function saveDraft(db: Db, actor: Principal, id: string, input: { version: number; items: AgendaItemInput[] }) {
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    if (rt.status === 'cancelled' || rt.status === 'concluded') throw conflict('ROUND_TABLE_CLOSED', `The round-table is ${rt.status}`, { status: rt.status });
    if (input.version !== rt.agendaVersion) {
      throw conflict('AGENDA_VERSION_CONFLICT', 'Someone else changed the agenda meanwhile; reload it', { currentVersion: rt.agendaVersion });
    }
    const before = await agendaRepo.agendaOf(tx, id);
    const items = flatten(rt, input.items, new Set(before.map((r) => r.id)));
    assertFits(rt, items);

    const oldIssues = new Set(before.flatMap((r) => r.issueIds));
    const newIssues = new Set(items.flatMap((r) => r.issueIds));
    const added = [...newIssues].filter((i) => !oldIssues.has(i));
    const removed = [...oldIssues].filter((i) => !newIssues.has(i));
    if (added.length) {
      await issues.checkSchedulable(tx, actor, added);
      await issues.schedule(tx, actor, added, id);
    }
    if (removed.length) await issues.unschedule(tx, actor, removed);

    // Each title keeps its language while it has a text in it (a new one: the round-table's, else its first).
    const languageOf = new Map(before.map((b) => [b.id, b.language]));
    const stored = items.map((item, position) => ({
      ...item,
      roundTableId: id,
      position,
      language: sourceLanguageOf(titlesOf(item), languageOf.get(item.id) ?? null, rt.language),
    }));
    await agendaRepo.replaceAgenda(tx, id, stored);
    await translateAgendaTitles(tx, actor, stored, before);
    const updated = await repo.updateRoundTableRow(tx, id, { agendaVersion: rt.agendaVersion + 1 });
    const view = await draftView(tx, updated, actor);
    await emitRoundTable(tx, updated, 'agenda.draft.updated', null, { version: view.version, items: view.items }, actor.userId);
    return view;
  });
}

// Releases -----------------------------------------------------------------------------------------

const released = (items: (FlatItem & { offsetMinutes: number })[]): ReleasedItem[] => items.map(({ internalNotes: _notes, ...item }) => item);

/** Publishes the draft as the next release. Two publishes of the same draft: the second gets 409. */
export async function publishRelease(db: Db, actor: Principal, id: string, input: { version: number }) {
  try {
    return await db.transaction(async (tx) => {
      const rt = await loadForStaff(tx, actor, id, { lock: true });
      if (rt.status === 'cancelled' || rt.status === 'concluded')
        throw conflict('ROUND_TABLE_CLOSED', `The round-table is ${rt.status}`, { status: rt.status });
      if (input.version !== rt.agendaVersion) {
        throw conflict('AGENDA_VERSION_CONFLICT', 'The agenda changed since you loaded it; review it and publish again', { currentVersion: rt.agendaVersion });
      }
      const last = await agendaRepo.latestRelease(tx, id);
      if (last && last.agendaVersion === rt.agendaVersion) {
        throw conflict('AGENDA_ALREADY_PUBLISHED', `This version of the agenda is already release ${last.number}`, { release: last.number });
      }
      const rows = (await agendaRepo.agendaOf(tx, id)).map(flatRow);
      if (!rows.some((r) => r.kind !== 'section')) throw badRequest('AGENDA_EMPTY', 'Add at least one slot before publishing');
      assertFits(rt, rows);
      const items = released(timed(rows));
      const log = changelog(last ? (last.items as ReleasedItem[]) : [], items);
      const release = await agendaRepo.insertRelease(tx, {
        roundTableId: id,
        number: (last?.number ?? 0) + 1,
        agendaVersion: rt.agendaVersion,
        items,
        changelog: log,
        publishedBy: actor.userId,
      });
      const data = { roundTableId: id, number: release.number, publishedAt: release.publishedAt.toISOString(), changelog: log };
      await emitRoundTable(tx, rt, 'agenda.released', data, data, actor.userId);
      if (rt.status !== 'draft') {
        await notifyUsers(
          tx,
          await registrationsRepo.activeRegistrantIds(tx, id),
          'agenda.released',
          { ...noticeOf(rt), number: release.number },
          actor.userId,
        );
        // Each company hears about its own issues only (its inbox may see them, anonymous or not).
        const companies = await issues.companiesOf(tx, [...new Set(items.flatMap((i) => i.issueIds))]);
        for (const [companyId, issueIds] of companies) {
          await queueEvent(tx, {
            stream: streamOf.companyInbox(companyId),
            type: 'agenda.released',
            data: { roundTableId: id, number: release.number, issueIds },
            actorId: actor.userId,
          });
        }
      }
      return releaseView(tx, rt, release, actor);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('AGENDA_ALREADY_PUBLISHED', 'This agenda was just published by someone else');
    throw err;
  }
}

async function releaseView(db: Executor, rt: repo.RoundTableRow, release: agendaRepo.ReleaseRow, viewer: Principal | null) {
  const stored = release.items as ReleasedItem[];
  // A confidential issue is seen at all only by officials and its author company: others get the slot without it.
  const views = (await issues.issueViews(db, viewer, [...new Set(stored.flatMap((i) => i.issueIds))])).filter((v) => v.title !== null);
  const seen = new Set(views.map((v) => v.id));
  const items = (await releasedTitles(db, rt.id, stored)).map((i) => ({ ...i, issueIds: i.issueIds.filter((id) => seen.has(id)) }));
  return {
    number: release.number,
    publishedAt: release.publishedAt.toISOString(),
    timeZone: rt.timeZone,
    ...fitOf(rt, items),
    items: nest(rt, items),
    changelog: release.changelog as ChangelogEntry[],
    issues: views,
  };
}

/** The latest published agenda, for anyone who may see the round-table (null before the first release). */
export async function getPublishedAgenda(db: Db, viewer: Principal | null, id: string) {
  const rt = await loadVisible(db, viewer, id);
  const last = await agendaRepo.latestRelease(db, id);
  return last ? releaseView(db, rt, last, viewer) : null;
}

/** Every release's changelog, newest first. */
export async function listReleases(db: Db, viewer: Principal | null, id: string) {
  await loadVisible(db, viewer, id);
  const releases = await agendaRepo.listReleaseRows(db, id);
  return releases.map((r) => ({ number: r.number, publishedAt: r.publishedAt.toISOString(), changelog: r.changelog as ChangelogEntry[] }));
}

/**
 * Where an issue is on the programme, as far as this viewer may know: anyone who may see the issue and
 * the round-table learns it once a released agenda lists the issue; staff also while it is only on the
 * draft. (The issue's own view names the round-table only to officials and the author company.)
 */
export async function placementOfIssue(db: Db, viewer: Principal | null, issueId: string): Promise<{ roundTableId: string | null }> {
  const roundTableId = await issues.scheduledRoundTableOf(db, viewer, issueId);
  const rt = roundTableId ? await repo.findRoundTable(db, roundTableId) : null;
  if (!rt || !mayView(viewer, rt)) return { roundTableId: null };
  if (isStaffOf(viewer, rt)) return { roundTableId: rt.id };
  const release = await agendaRepo.latestRelease(db, rt.id);
  const listed = (release?.items as ReleasedItem[] | undefined)?.some((i) => i.issueIds.includes(issueId)) ?? false;
  return { roundTableId: listed ? rt.id : null };
}
