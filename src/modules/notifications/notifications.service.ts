// One notification system. `deliver` runs inside the writer's transaction and, for all recipients at
// once: inserts the feed rows (one statement), appends one `feed.item` event per `user:<id>` stream (one
// upsert, one insert, one NOTIFY statement) and queues e-mail in the outbox (one statement) according
// to each recipient's preference for the notice's category. Nothing else writes feed rows or user events.
import { together } from '../../lib/together.js';
import { DateTime } from 'luxon';
import type { Db, Executor, Tx } from '../../db/client.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import { badRequest } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from './notifications.categories.js';
import { DEFAULT_DIGEST_HOUR, DEFAULT_MODES, linkOf, type AccountMailKind, type NoticeKind } from './notifications.kinds.js';
import * as repo from './notifications.repo.js';

export interface Notice {
  kind: NoticeKind;
  category: NotificationCategory;
  /** Already projected for the recipient: it goes to their feed, their stream and their e-mail. */
  data: Record<string, unknown>;
  issueId?: string | null;
  actorId?: string | null;
}
export interface Delivery extends Notice {
  userId: string;
}

/** The same notice to several people (each once). */
export function notify(tx: Tx, userIds: string[], notice: Notice): Promise<void> {
  return deliver(
    tx,
    [...new Set(userIds)].map((userId) => ({ ...notice, userId })),
  );
}

export function feedView(row: repo.FeedItemRow) {
  const data = row.data as Record<string, unknown>;
  return {
    id: row.id,
    type: row.type,
    issueId: row.issueId,
    data,
    link: linkOf(row.type, row.issueId, data),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** Notices, each already projected for its recipient. */
export async function deliver(tx: Tx, deliveries: Delivery[]): Promise<void> {
  if (!deliveries.length) return;
  const ids = [...new Set(deliveries.map((d) => d.userId))];
  // Independent statements, sent together (one round trip on the transaction's connection).
  const [rows, recipients, preferences] = await together([
    repo.insertFeedItems(
      tx,
      deliveries.map((d) => ({ userId: d.userId, issueId: d.issueId ?? null, type: d.kind, data: d.data })),
    ),
    repo.recipients(tx, ids),
    repo.preferencesOf(tx, ids),
  ]);
  // Queued: the event log writes everything a transaction queued in one statement right before COMMIT.
  for (const [i, row] of rows.entries()) {
    const { readAt: _readAt, ...view } = feedView(row);
    await queueEvent(tx, { stream: streamOf.userFeed(row.userId), type: 'feed.item', data: view, actorId: deliveries[i]!.actorId ?? null });
  }

  const people = new Map(recipients.map((r) => [r.id, r]));
  const prefs = new Map(preferences.map((p) => [`${p.userId} ${p.category}`, p]));
  const now = DateTime.utc();
  const mail: repo.NewOutboxRow[] = [];
  for (const d of deliveries) {
    const person = people.get(d.userId);
    if (!person || person.deactivated) continue;
    const pref = prefs.get(`${d.userId} ${d.category}`);
    const mode = pref?.mode ?? DEFAULT_MODES[d.category];
    if (mode === 'in_app') continue;
    const base = {
      userId: d.userId,
      toAddress: person.email,
      language: person.language,
      timeZone: person.timeZone,
      kind: d.kind,
      category: d.category,
      params: { ...d.data, issueId: d.issueId ?? null },
    };
    if (mode === 'immediate') mail.push({ ...base, status: 'queued' });
    else mail.push({ ...base, status: 'digest', dueAt: nextDigestAt(now, person.timeZone, pref?.digestHour ?? DEFAULT_DIGEST_HOUR) });
  }
  await repo.insertOutbox(tx, mail);
}

/** The next time the clock shows `hour`:00 in `zone`. */
export function nextDigestAt(now: DateTime, zone: string, hour: number): Date {
  const local = now.setZone(zone);
  let at = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (at <= local) at = at.plus({ days: 1 });
  return at.toUTC().toJSDate();
}

/** A stream notice that is not a feed item (access changes close the person's sockets). */
export async function signalUser(tx: Tx, userId: string, type: string, data: Record<string, unknown>, actorId: string | null): Promise<void> {
  await queueEvent(tx, { stream: streamOf.userFeed(userId), type, data, actorId });
}

export interface AccountMail {
  kind: AccountMailKind;
  toAddress: string;
  language: Language;
  timeZone: string;
  userId?: string | null;
  params: Record<string, unknown>;
}

/** Invitations and password resets: queued in the caller's transaction, always sent, never unsubscribable. */
export async function queueAccountMail(tx: Tx, mail: AccountMail): Promise<void> {
  await repo.insertOutbox(tx, [{ ...mail, userId: mail.userId ?? null, category: null, status: 'queued' }]);
}

/** Mail of these kinds still waiting for this address is not sent any more (a replaced or revoked invitation). */
export async function withdrawAccountMail(tx: Tx, toAddress: string, kinds: AccountMailKind[]): Promise<void> {
  await repo.withdrawQueued(tx, toAddress, kinds);
}

// The feed ------------------------------------------------------------------------------------

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An instant PostgreSQL accepts (patterns let month 13 or Feb 30 through). */
const isRealInstant = (s: string) => {
  const at = DateTime.fromISO(s.toUpperCase().replace(' ', 'T'), { setZone: true });
  return at.isValid && at.year >= 1;
};

export async function feed(db: Db, actor: Principal, page: { cursor?: string | undefined; limit?: number | undefined }) {
  let before: { at: string; id: string } | undefined;
  if (page.cursor) {
    const [at, id] = Buffer.from(page.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || !TIMESTAMP.test(at) || !isRealInstant(at) || !UUID.test(id)) throw badRequest('INVALID_CURSOR', 'This page cursor is not valid');
    before = { at, id };
  }
  const limit = page.limit ?? 30;
  const rows = await repo.feedOf(db, actor.userId, limit + 1, before);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ item }) => feedView(item)),
    unread: await repo.unreadCount(db, actor.userId),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.at}|${last.item.id}`).toString('base64url') : null,
  };
}

export async function markFeedRead(db: Db, actor: Principal, ids?: string[]) {
  await repo.markFeedRowsRead(db, actor.userId, ids);
  return { unread: await repo.unreadCount(db, actor.userId) };
}

// Preferences ---------------------------------------------------------------------------------

export interface Preference {
  category: NotificationCategory;
  mode: 'in_app' | 'immediate' | 'digest';
  digestHour: number;
}

export async function preferences(db: Executor, userId: string): Promise<Preference[]> {
  const stored = new Map((await repo.preferencesOf(db, [userId])).map((p) => [p.category, p]));
  return NOTIFICATION_CATEGORIES.map((category) => {
    const p = stored.get(category);
    return { category, mode: p?.mode ?? DEFAULT_MODES[category], digestHour: p?.digestHour ?? DEFAULT_DIGEST_HOUR };
  });
}

export async function setPreferences(db: Db, actor: Principal, changes: { category: string; mode: string; digestHour?: number | undefined }[]) {
  for (const c of changes) {
    if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(c.category)) {
      throw badRequest('UNKNOWN_CATEGORY', `Unknown notification category ${JSON.stringify(c.category)}; expected ${NOTIFICATION_CATEGORIES.join(', ')}`);
    }
  }
  await db.transaction(async (tx) => {
    const current = new Map((await preferences(tx, actor.userId)).map((p) => [p.category, p]));
    for (const c of changes) {
      const category = c.category as NotificationCategory;
      await repo.upsertPreference(tx, {
        userId: actor.userId,
        category,
        mode: c.mode as Preference['mode'],
        digestHour: c.digestHour ?? current.get(category)!.digestHour,
      });
    }
  });
  return preferences(db, actor.userId);
}

/** One category to in-app only (the unsubscribe link); the digest hour is kept for a later change of mind. */
export async function unsubscribe(db: Db, userId: string, category: NotificationCategory) {
  await repo.upsertPreference(db, { userId, category, mode: 'in_app' });
}

/** The language a person reads (for pages opened from e-mail without a session). */
export async function languageOf(db: Executor, userId: string): Promise<Language> {
  return (await repo.recipients(db, [userId]))[0]?.language ?? 'en';
}
