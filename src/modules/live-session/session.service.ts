// Running a round-table live: the chair (or an official of the host) starts it, moves through the
// released agenda, runs each slot's countdown, the request-to-speak queue, announcements and quick
// polls, and ends it. Every command runs under the round-table's row lock and appends one event to
// roundtable:<id> (the round-table's audience) carrying the part of the state it changed.
import { randomUUID } from 'node:crypto';
import type { Db, Executor, Tx } from '../../db/client.js';
import type { SlotTimer } from '../../db/schema/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { agendaIssueView, markIssuesDiscussed, stillScheduled } from '../issues/issues.links.js';
import { isRegistered, isStaffOf, mayView } from '../roundtables/roundtables.access.js';
import { settleDiscussedIssues } from '../outcomes/outcomes.links.js';
import * as roundTables from '../roundtables/roundtables.links.js';
import { concludeRoundTableIn, releasedSlots, startRoundTableIn, type ReleasedItem } from '../roundtables/roundtables.links.js';
import * as repo from './session.repo.js';
// Registers the live.* event types: every writer of them loads their schemas, also outside the app (the seed CLI).
import './session.schemas.js';
import type { LiveState } from './session.schemas.js';

const ANNOUNCEMENTS_KEPT = 10;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const freshTimer = (slot: ReleasedItem | undefined): SlotTimer | null =>
  slot ? { itemId: slot.id, durationMs: slot.plannedMinutes * 60_000, elapsedMs: 0, runningSince: null } : null;

function handView(h: repo.HandRow) {
  return { id: h.id, userId: h.userId, name: h.name, status: h.status, raisedAt: h.raisedAt.toISOString(), floorAt: iso(h.floorAt) };
}

async function pollView(db: Executor, poll: repo.PollRow) {
  const counts = await repo.tally(db, poll.id);
  const tally = poll.options.map((_, i) => counts.get(i) ?? 0);
  return { id: poll.id, question: poll.question, options: poll.options, status: poll.status, tally, votes: tally.reduce((a, b) => a + b, 0) };
}

/** The whole live state as followers see it (also the snapshot of roundtable:<id>). */
export async function liveState(db: Executor, id: string): Promise<LiveState | null> {
  const rt = await roundTables.findRoundTable(db, id);
  if (!rt) return null;
  const session = await repo.findSession(db, id);
  const poll = session ? await repo.currentPoll(db, id) : null;
  return {
    roundTableId: id,
    status: rt.status,
    serverNow: new Date().toISOString(),
    slots: (await releasedSlots(db, id)).map((s) => ({
      id: s.id,
      kind: s.kind,
      titleEn: s.titleEn,
      titleJa: s.titleJa,
      titleZh: s.titleZh,
      presenter: s.presenter,
      plannedMinutes: s.plannedMinutes,
    })),
    currentItemId: session?.currentItemId ?? null,
    timer: session?.timer ?? null,
    hands: session ? (await repo.openHands(db, id)).map(handView) : [],
    poll: poll ? await pollView(db, poll) : null,
    announcements: session?.announcements ?? [],
    startedAt: iso(session?.startedAt ?? null),
    endedAt: iso(session?.endedAt ?? null),
  };
}

export async function getLiveState(db: Db, viewer: Principal | null, id: string): Promise<LiveState> {
  const rt = await roundTables.findRoundTable(db, id);
  if (!rt || !mayView(viewer, rt)) throw notFound('ROUND_TABLE_NOT_FOUND', 'No such round-table');
  return (await liveState(db, id))!;
}

const emit = (tx: Tx, id: string, type: string, data: Record<string, unknown>, actorId: string) =>
  queueEvent(tx, { stream: streamOf.roundTable(id), type, data, actorId });

/** Locks the round-table; it must be live and, for staff commands, the actor must be its staff. */
async function loadLive(tx: Tx, actor: Principal, id: string, staffOnly: boolean) {
  const rt = await roundTables.findRoundTable(tx, id, { lock: true });
  if (!rt || !mayView(actor, rt)) throw notFound('ROUND_TABLE_NOT_FOUND', 'No such round-table');
  if (staffOnly && !isStaffOf(actor, rt)) {
    throw forbidden('Only the chair and officials of the host organization can run the session', 'NOT_ROUND_TABLE_STAFF');
  }
  if (rt.status !== 'live') throw conflict('SESSION_NOT_LIVE', `The round-table is ${rt.status}, not live`, { status: rt.status });
  // A round-table that went live before sessions existed gets its session on first use.
  const session = (await repo.findSession(tx, id)) ?? (await repo.insertLiveSession(tx, { roundTableId: id }));
  return { rt, session };
}

/** Starts the session: the round-table goes live and its first slot is current. The one way to start a round-table. */
export async function start(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    await startRoundTableIn(tx, actor, id);
    const first = (await releasedSlots(tx, id))[0];
    await repo.insertLiveSession(tx, {
      roundTableId: id,
      currentItemId: first?.id ?? null,
      visitedItemIds: first ? [first.id] : [],
      timer: freshTimer(first),
    });
    const state = (await liveState(tx, id))!;
    await emit(tx, id, 'live.started', { state }, actor.userId);
    return state;
  });
}

export async function setSlot(db: Db, actor: Principal, id: string, body: { itemId: string } | { move: 'next' | 'previous' }) {
  // The state is read back after COMMIT: the room's event goes out (on commit) without waiting for
  // the five reads of the chair's answer, and the row locks are released sooner.
  await db.transaction(async (tx) => {
    const { session } = await loadLive(tx, actor, id, true);
    const slots = await releasedSlots(tx, id);
    const at = slots.findIndex((s) => s.id === session.currentItemId);
    let target: ReleasedItem | undefined;
    if ('itemId' in body) {
      target = slots.find((s) => s.id === body.itemId);
      if (!target) throw notFound('SLOT_NOT_FOUND', 'No such slot in the released agenda');
    } else {
      target = slots[body.move === 'next' ? at + 1 : at - 1];
      if (!target) throw conflict(body.move === 'next' ? 'NO_NEXT_SLOT' : 'NO_PREVIOUS_SLOT', `There is no ${body.move} slot`);
    }
    const visited = session.visitedItemIds.includes(target.id) ? session.visitedItemIds : [...session.visitedItemIds, target.id];
    const timer = freshTimer(target);
    await repo.updateSession(tx, id, { currentItemId: target.id, visitedItemIds: visited, timer });
    await emit(tx, id, 'live.slot', { currentItemId: target.id, timer }, actor.userId);
  });
  return (await liveState(db, id))!;
}

export async function timer(db: Db, actor: Principal, id: string, body: { action: 'start' | 'pause' | 'extend'; minutes?: number | undefined }) {
  return db.transaction(async (tx) => {
    const { session } = await loadLive(tx, actor, id, true);
    const current = session.timer;
    if (!current) throw conflict('NO_TIMER', 'Set a current slot first');
    const now = new Date();
    let next: SlotTimer;
    if (body.action === 'start') {
      if (current.runningSince) throw conflict('TIMER_RUNNING', 'The countdown is already running');
      next = { ...current, runningSince: now.toISOString() };
    } else if (body.action === 'pause') {
      if (!current.runningSince) throw conflict('TIMER_NOT_RUNNING', 'The countdown is not running');
      next = { ...current, elapsedMs: current.elapsedMs + Math.max(0, now.getTime() - Date.parse(current.runningSince)), runningSince: null };
    } else {
      if (!body.minutes) throw badRequest('MINUTES_REQUIRED', 'Say by how many minutes to extend');
      next = { ...current, durationMs: current.durationMs + body.minutes * 60_000 };
    }
    await repo.updateSession(tx, id, { timer: next });
    await emit(tx, id, 'live.timer', { timer: next }, actor.userId);
    return next;
  });
}

async function emitHands(tx: Tx, id: string, actorId: string) {
  const hands = (await repo.openHands(tx, id)).map(handView);
  await emit(tx, id, 'live.hands', { hands }, actorId);
  return hands;
}

/** Registered attendees and company representatives ask to speak. */
export async function raiseHand(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, false);
    if (!(actor.role === 'attendee' || actor.role === 'company_rep') || !(await isRegistered(tx, actor.userId, id))) {
      throw forbidden('Only registered attendees and company representatives can ask to speak', 'NOT_REGISTERED');
    }
    if ((await repo.openHands(tx, id)).some((h) => h.userId === actor.userId)) throw conflict('HAND_ALREADY_RAISED', 'Your hand is already up');
    await repo.insertHand(tx, { roundTableId: id, userId: actor.userId, name: actor.displayName });
    return emitHands(tx, id, actor.userId);
  });
}

export async function lowerHand(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, false);
    const mine = (await repo.openHands(tx, id)).find((h) => h.userId === actor.userId && h.status === 'waiting');
    if (!mine) throw notFound('HAND_NOT_FOUND', 'Your hand is not up');
    await repo.setHand(tx, mine.id, { status: 'removed', endedAt: new Date() });
    return emitHands(tx, id, actor.userId);
  });
}

/** The chair gives the floor (ending the current speaker's turn), ends a turn, or removes a hand. */
export async function handAction(db: Db, actor: Principal, id: string, handId: string, action: 'floor' | 'end' | 'remove') {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, true);
    const hand = await repo.findHand(tx, id, handId);
    if (!hand || hand.status === 'done' || hand.status === 'removed') throw notFound('HAND_NOT_FOUND', 'No such hand in the queue');
    const now = new Date();
    if (action === 'floor') {
      if (hand.status !== 'waiting') throw conflict('ALREADY_SPEAKING', 'This person has the floor already');
      for (const h of await repo.openHands(tx, id)) if (h.status === 'speaking') await repo.setHand(tx, h.id, { status: 'done', endedAt: now });
      await repo.setHand(tx, hand.id, { status: 'speaking', floorAt: now });
    } else if (action === 'end') {
      if (hand.status !== 'speaking') throw conflict('NOT_SPEAKING', 'This person does not have the floor');
      await repo.setHand(tx, hand.id, { status: 'done', endedAt: now });
    } else {
      await repo.setHand(tx, hand.id, { status: 'removed', endedAt: now });
    }
    return emitHands(tx, id, actor.userId);
  });
}

export async function postAnnouncement(db: Db, actor: Principal, id: string, text: string) {
  return db.transaction(async (tx) => {
    const { session } = await loadLive(tx, actor, id, true);
    const announcement = { id: randomUUID(), text: text.trim(), at: new Date().toISOString() };
    if (!announcement.text) throw badRequest('TEXT_REQUIRED', 'Write the announcement');
    await repo.updateSession(tx, id, { announcements: [announcement, ...session.announcements].slice(0, ANNOUNCEMENTS_KEPT) });
    await emit(tx, id, 'live.announcement', { announcement }, actor.userId);
    return announcement;
  });
}

export async function openPoll(db: Db, actor: Principal, id: string, body: { question: string; options: string[] }) {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, true);
    const open = await repo.currentPoll(tx, id);
    if (open?.status === 'open') throw conflict('POLL_ALREADY_OPEN', 'Close the open poll first');
    const poll = await pollView(
      tx,
      await repo.insertPoll(tx, { roundTableId: id, question: body.question.trim(), options: body.options.map((o) => o.trim()) }),
    );
    await emit(tx, id, 'live.poll', { poll }, actor.userId);
    return poll;
  });
}

/** One vote per registered person; the tally goes to everyone, who voted for what to no one. */
export async function vote(db: Db, actor: Principal, id: string, pollId: string, option: number) {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, false);
    if (!(await isRegistered(tx, actor.userId, id))) throw forbidden('Only registered participants can vote', 'NOT_REGISTERED');
    const poll = await repo.findPoll(tx, id, pollId);
    if (!poll) throw notFound('POLL_NOT_FOUND', 'No such poll');
    if (poll.status !== 'open') throw conflict('POLL_CLOSED', 'This poll is closed');
    if (option >= poll.options.length)
      throw badRequest('NO_SUCH_OPTION', `Choose an option between 0 and ${poll.options.length - 1}`, { max: poll.options.length - 1 });
    if (!(await repo.insertVote(tx, poll.id, actor.userId, option))) throw conflict('ALREADY_VOTED', 'You have voted in this poll');
    const view = await pollView(tx, poll);
    await emit(tx, id, 'live.poll', { poll: view }, actor.userId);
    return view;
  });
}

export async function closePoll(db: Db, actor: Principal, id: string, pollId: string) {
  return db.transaction(async (tx) => {
    await loadLive(tx, actor, id, true);
    const poll = await repo.findPoll(tx, id, pollId);
    if (!poll) throw notFound('POLL_NOT_FOUND', 'No such poll');
    if (poll.status !== 'open') throw conflict('POLL_CLOSED', 'This poll is closed already');
    const view = await pollView(tx, await repo.setPollClosed(tx, poll.id));
    await emit(tx, id, 'live.poll', { poll: view }, actor.userId);
    return view;
  });
}

/** Ends the session: the round-table is concluded and the issues of every slot reached are discussed.
 * The one way to end a round-table. */
export async function end(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    const { session } = await loadLive(tx, actor, id, true);
    const slots = await releasedSlots(tx, id);
    const reached = slots.filter((s) => session.visitedItemIds.includes(s.id)).flatMap((s) => s.issueIds);
    const discussed = await stillScheduled(tx, reached);
    if (discussed.length) {
      await markIssuesDiscussed(tx, actor, discussed);
      await settleDiscussedIssues(tx, actor, discussed);
    }
    const timer = session.timer?.runningSince
      ? { ...session.timer, elapsedMs: session.timer.elapsedMs + Date.now() - Date.parse(session.timer.runningSince), runningSince: null }
      : session.timer;
    const open = await repo.currentPoll(tx, id);
    if (open?.status === 'open') await repo.setPollClosed(tx, open.id);
    const endedAt = new Date();
    await repo.updateSession(tx, id, { endedAt, timer });
    await concludeRoundTableIn(tx, actor, id);
    // The stream's audience is everyone who may see the round-table: name only issues they all may see.
    const named = (await agendaIssueView(tx, null, discussed)).filter((v) => v.title !== null).map((v) => v.id);
    await emit(tx, id, 'live.ended', { endedAt: endedAt.toISOString(), discussedIssueIds: named }, actor.userId);
    return (await liveState(tx, id))!;
  });
}
