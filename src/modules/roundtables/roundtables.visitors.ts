// Visitors all see the same bytes of a round-table and of its published agenda: cached per instance
// (live/read-cache.ts) until a stream that announces a change to them moves, and answered from the
// cache in onRequest (no validation, no handler) when there. Which streams those are is this file's rule.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerVisitorsFromCache, cachedBody, sendCached, type ReadCache } from '../../live/read-cache.js';
import { streamOf } from '../../live/streams.js';

const ENTRIES = {
  roundTable: { key: (id: string) => `round-table:${id}`, streams: (id: string) => [streamOf.roundTable(id)] },
  // A release moves the round-table's stream; a change to a public issue on it, the public stream.
  agenda: { key: (id: string) => `agenda:${id}`, streams: (id: string) => [streamOf.roundTable(id), streamOf.public()] },
};
export type VisitorEntry = keyof typeof ENTRIES;

/** The onRequest hook answering a visitor from the cache (the route's `:id` names the entry). */
export const answerFromVisitorCache = (cache: ReadCache, entry: VisitorEntry) => answerVisitorsFromCache(cache, (p) => ENTRIES[entry].key(p.id!));

/** A visitor's answer: from the cache, else `read` serialized by the route's 200 schema and cached. */
export async function sendToVisitor(
  cache: ReadCache,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: VisitorEntry,
  id: string,
  read: () => Promise<unknown>,
) {
  const { key, streams } = ENTRIES[entry];
  const cached = await cache.get(key(id), streams(id), async () =>
    cachedBody(reply.serializeInput((await read()) as Record<string, unknown>, '200') as string),
  );
  return sendCached(request, reply, cached);
}
