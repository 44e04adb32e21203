// A person's notification feed: newest first, keyset-paged, with the unread count.
import type { Db } from '../../db/client.js';
import { badRequest } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import * as lists from './issues.lists.js';
import * as repo from './issues.repo.js';

export async function feed(db: Db, actor: Principal, page: { cursor?: string | undefined; limit?: number | undefined }) {
  let before: { at: string; id: string } | undefined;
  if (page.cursor) {
    const [at, id] = Buffer.from(page.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || !lists.TIMESTAMP.test(at) || !lists.isRealInstant(at) || !lists.UUID.test(id))
      throw badRequest('INVALID_CURSOR', 'This page cursor is not valid');
    before = { at, id };
  }
  const limit = page.limit ?? 30;
  const rows = await repo.feedOf(db, actor.userId, limit + 1, before);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ item: r }) => ({
      id: r.id,
      type: r.type,
      issueId: r.issueId,
      data: r.data as Record<string, unknown>,
      createdAt: r.createdAt,
      readAt: r.readAt,
    })),
    unread: await repo.unreadCount(db, actor.userId),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.at}|${last.item.id}`).toString('base64url') : null,
  };
}

export async function markFeedRead(db: Db, actor: Principal, ids?: string[]) {
  await repo.markFeedRead(db, actor.userId, ids);
  return { unread: await repo.unreadCount(db, actor.userId) };
}
