// Who may subscribe to which stream, and what a fresh subscriber receives as its snapshot.
// Both are registries keyed by the stream's kind (the part before the first ':'), so domain
// modules plug in their own rules (e.g. round-tables) without the live layer knowing them.
import type { Db } from '../db/client.js';
import { forbidden, notFound, unauthorized } from '../lib/errors.js';
import type { Principal } from '../lib/principal.js';
import { canViewRoundTable, isRoundTableStaff } from '../modules/roundtables/roundtables.access.js';

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
const snapshots = new Map<string, SnapshotProvider>();

const kindOf = (stream: string) => stream.split(':');

export function registerStreamAuthorizer(kind: string, authorize: StreamAuthorizer): void {
  authorizers.set(kind, authorize);
}

export function registerSnapshot(kind: string, provide: SnapshotProvider): void {
  snapshots.set(kind, provide);
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
  const provide = snapshots.get(kind!);
  return provide ? provide({ db, principal, stream, parts }) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Same audiences as the issues module's visibility (issues.visibility.ts viewerOf): the review queue
// names anonymous issues' companies and carries confidential issues, which organizers may not see;
// a company's inbox is its representatives' (not any member's, e.g. an attendee of that company).
const isOfficial = (p: Principal | null) => p?.role === 'official';
const isRepOf = (p: Principal | null, companyId: string) => p?.role === 'company_rep' && p.organizationKind === 'company' && p.organizationId === companyId;

// The foundation's streams (src/live/streams.ts) and their one audience each.
registerStreamAuthorizer('public', ({ parts }) => parts.length === 0);
registerStreamAuthorizer('officials', ({ principal, parts }) => parts.length === 0 && isOfficial(principal));
registerStreamAuthorizer('user', ({ principal, parts: [id, ...rest] }) => !rest.length && !!principal && principal.userId === id);
registerStreamAuthorizer(
  'company',
  ({ principal, parts: [id, ...rest] }) =>
    !rest.length && !!id && UUID.test(id) && isRepOf(principal, id),
);
// Round-tables: whoever may view it (its audience), and its staff (chair, officials of the host).
registerStreamAuthorizer('roundtable', ({ db, principal, parts: [id, ...rest] }) => {
  if (!id || !UUID.test(id)) return false;
  if (!rest.length) return canViewRoundTable(db, principal, id);
  return rest.length === 1 && rest[0] === 'staff' && isRoundTableStaff(db, principal, id);
});
