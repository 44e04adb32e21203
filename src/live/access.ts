// Who may subscribe to which stream, and what a fresh subscriber receives as its snapshot.
// Both are registries keyed by the stream's kind (the part before the first ':'), so domain
// modules plug in their own rules (e.g. round-tables) without the live layer knowing them.
import type { Db } from '../db/client.js';
import { forbidden, notFound, unauthorized } from '../lib/errors.js';
import type { Principal } from '../lib/principal.js';
import { numberInTransaction } from './event-log.js';

export interface StreamRequest {
  db: Db;
  principal: Principal | null;
  stream: string;
  /** The stream name split on ':' after the kind, e.g. ['<id>', 'staff'] for roundtable:<id>:staff. */
  parts: string[];
}

/** true: allowed; false: forbidden. Throw an AppError for anything more specific. */
export type StreamAuthorizer = (req: StreamRequest) => boolean | Promise<boolean>;
/** The state of the stream for this subscriber, read in the same snapshot as the stream's seq. */
export type SnapshotProvider = (req: StreamRequest) => Promise<unknown>;

const authorizers = new Map<string, StreamAuthorizer>();
const snapshots = new Map<string, { provide: SnapshotProvider; shared: boolean }>();

const kindOf = (stream: string) => stream.split(':');

export function registerStreamAuthorizer(kind: string, authorize: StreamAuthorizer): void {
  authorizers.set(kind, authorize);
}

/**
 * `shared`: the provider's answer does not depend on who asks (it ignores `principal`), so one
 * snapshot per stream and seq serves every subscriber of this instance.
 */
export function registerSnapshot(kind: string, provide: SnapshotProvider, opts: { shared?: boolean } = {}): void {
  snapshots.set(kind, { provide, shared: opts.shared ?? false });
  // A snapshot and its seq are read together: the stream's events must be numbered with their change.
  numberInTransaction(kind);
}

/** Whether every subscriber of the stream gets the same snapshot (no provider: always null). */
export function snapshotIsShared(stream: string): boolean {
  const entry = snapshots.get(kindOf(stream)[0]!);
  return !entry || entry.shared;
}

export async function authorizeStream(db: Db, principal: Principal | null, stream: string): Promise<void> {
  const [kind, ...parts] = kindOf(stream);
  const authorize = authorizers.get(kind!);
  if (!authorize) throw notFound('STREAM_NOT_FOUND', `No stream ${stream}`);
  if (!(await authorize({ db, principal, stream, parts }))) {
    if (!principal) throw unauthorized('Sign in to follow this stream');
    throw forbidden(`You may not follow ${stream}`, 'STREAM_FORBIDDEN');
  }
}

/** Whether the principal may follow the stream: the same rule as subscribing to it. */
export async function mayFollow(db: Db, principal: Principal | null, stream: string): Promise<boolean> {
  try {
    await authorizeStream(db, principal, stream);
    return true;
  } catch {
    return false;
  }
}

export async function snapshotOf(db: Db, principal: Principal | null, stream: string): Promise<unknown> {
  const [kind, ...parts] = kindOf(stream);
  const entry = snapshots.get(kind!);
  return entry ? entry.provide({ db, principal, stream, parts }) : null;
}

/** A UUID-shaped stream part (ids of round-tables, companies, users). */
export const isUuid = (s: string | undefined): s is string => !!s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);

// Who owns a session: the auth module registers its lookup at start (the live layer knows no module).
// Until it does, no session resolves: fail closed.
export type SessionResolver = (db: Db, sessionId: string) => Promise<Principal | null>;
let resolveSession: SessionResolver = async () => null;

export function registerSessionResolver(resolve: SessionResolver): void {
  resolveSession = resolve;
}

/** The principal of a live session id, or null once it is revoked or expired. */
export const principalOfSession = (db: Db, sessionId: string) => resolveSession(db, sessionId);

// The foundation's streams that need no domain knowledge. Domain streams (officials, company:<id>,
// roundtable:<id>[:staff]) are registered by their modules (*.live.ts), called from app.ts.
registerStreamAuthorizer('public', ({ parts }) => parts.length === 0);
registerStreamAuthorizer('platform', ({ principal, parts }) => parts.length === 0 && principal?.role === 'organizer');
registerStreamAuthorizer('user', ({ principal, parts: [id, ...rest] }) => !rest.length && !!principal && principal.userId === id);
