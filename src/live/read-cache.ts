// A per-instance cache of public read responses (e.g. a published round-table and its agenda as a
// visitor sees them), each entry tied to the event streams whose events announce a change to it.
// An entry is dropped the moment one of its streams moves: on this instance's own commits (at once,
// so a client reads its own writes) and on every other instance's NOTIFY (milliseconds later). After
// the LISTEN connection reconnects (notifications may have been missed) everything is dropped. Data a
// stream does not announce (e.g. a person's display name) is bounded by the entry's time to live.
// Concurrent misses of one key share one build; a build that a change overtook is served to the
// requests that were already waiting for it but never stored.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  body: Buffer;
  /** Strong validator of `body`, quoted as an HTTP ETag. */
  etag: string;
  /** The response headers that go with it (validator, caching), built once. */
  headers: Readonly<Record<string, string>>;
}

interface Build {
  promise: Promise<unknown>;
  stale: boolean;
}

/** A response body and its ETag, computed once when cached. */
export function cachedBody(raw: string | Buffer): CachedBody {
  const body = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag, headers: Object.freeze({ etag, 'cache-control': 'no-cache', vary: 'cookie, authorization' }) };
}

const MAX_ENTRIES = 2000;

export class ReadCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private readonly building = new Map<string, Build>();
  private readonly keysOf = new Map<string, Set<string>>();

  constructor(private readonly ttlMs: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key` if it is cached and fresh (no build, no promise). */
  peek<T>(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > Date.now() ? (hit.value as T) : undefined;
  }

  /** The value under `key`, built (once, whatever the number of concurrent callers) when missing. */
  get<T>(key: string, streams: string[], build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.value as T);
    if (hit) this.entries.delete(key);
    const running = this.building.get(key);
    if (running && !running.stale) return running.promise as Promise<T>;
    for (const stream of streams) {
      let keys = this.keysOf.get(stream);
      if (!keys) this.keysOf.set(stream, (keys = new Set()));
      keys.add(key);
    }
    const job: Build = { stale: false, promise: Promise.resolve() };
    const promise = build()
      .then((value) => {
        if (!job.stale) {
          if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (this.building.get(key) === job) this.building.delete(key);
      });
    job.promise = promise;
    this.building.set(key, job);
    return promise;
  }

  /** A stream moved: drop what depends on it, and keep running builds from being stored. */
  changed(stream: string): void {
    const keys = this.keysOf.get(stream);
    if (!keys) return;
    this.keysOf.delete(stream);
    for (const key of keys) {
      this.entries.delete(key);
      const job = this.building.get(key);
      if (job) job.stale = true;
    }
  }

  /** A NOTIFY payload "stream seq". */
  notified(payload: string): void {
    this.changed(payload.slice(0, payload.lastIndexOf(' ')));
  }

  /** Notifications may have been missed: forget everything. */
  clear(): void {
    this.entries.clear();
    this.keysOf.clear();
    for (const job of this.building.values()) job.stale = true;
  }
}

/**
 * Sends a cached JSON body: 304 when the client already holds it (If-None-Match), else the bytes as
 * they are (serialized once, when cached). Only ever for responses that are the same for everyone
 * who gets them (visitors); `Vary` keeps shared caches from handing them to signed-in users.
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedBody): FastifyReply {
  reply.headers(cached.headers);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === cached.etag)) return reply.code(304).send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(cached.body);
}

/**
 * A route's onRequest hook: a visitor (no session resolved: the auth hook ran before) whose response
 * is cached is answered here, before parsing, validation and the handler; anyone else, and a miss,
 * goes on to the handler (which fills the cache). `key` names the entry from the raw route params;
 * only a handler stores entries, so an unvalidated param can only miss.
 */
export function answerVisitorsFromCache(cache: ReadCache, key: (params: Record<string, string>) => string) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (request.principal) return done();
    const hit = cache.peek<CachedBody>(key(request.params as Record<string, string>));
    if (!hit) return done();
    sendCached(request, reply, hit);
  };
}
