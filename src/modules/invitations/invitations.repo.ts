import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { invitations, organizations } from '../../db/schema/index.js';
import type { Language, Role } from '../../lib/principal.js';

const columns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  language: invitations.language,
  organizationId: invitations.organizationId,
  invitedBy: invitations.invitedBy,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
};

export async function insertInvitation(
  db: Executor,
  values: { email: string; role: Role; language: Language; organizationId: string | null; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  const [row] = await db.insert(invitations).values(values).returning(columns);
  return row!;
}

export function listInvitationRows(db: Executor, invitedBy?: string) {
  return db
    .select(columns)
    .from(invitations)
    .where(invitedBy ? eq(invitations.invitedBy, invitedBy) : undefined)
    .orderBy(desc(invitations.createdAt));
}

/** An invitation that can still be accepted, with its organization. */
export async function findOpenInvitation(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ ...columns, organization: { nameEn: organizations.nameEn, nameJa: organizations.nameJa, nameZh: organizations.nameZh } })
    .from(invitations)
    .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Marks it accepted unless someone else did first (single use even under concurrency). */
export async function claimInvitation(db: Executor, id: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedUserId: userId })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Revokes the open invitations to an address (before a new one replaces them); returns how many. */
export async function revokeOpenTo(db: Executor, email: string): Promise<number> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length;
}

/** A fresh link and expiry for an open invitation (the old link stops working). */
export async function renewInvitation(db: Executor, id: string, tokenHash: string, expiresAt: Date, invitedBy?: string) {
  const [row] = await db
    .update(invitations)
    .set({ tokenHash, expiresAt })
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), invitedBy ? eq(invitations.invitedBy, invitedBy) : undefined),
    )
    .returning(columns);
  return row ?? null;
}

export async function revokeInvitation(db: Executor, id: string, invitedBy?: string): Promise<{ id: string; email: string; role: Role } | null> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), invitedBy ? eq(invitations.invitedBy, invitedBy) : undefined),
    )
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  return row ?? null;
}

/** Deletes invitations never accepted that expired or were revoked more than `keepDays` ago. */
export async function deleteEndedInvitations(db: Executor, keepDays: number): Promise<number> {
  const rows = await db
    .delete(invitations)
    .where(
      and(
        isNull(invitations.acceptedAt),
        sql`coalesce(least(${invitations.revokedAt}, ${invitations.expiresAt}), ${invitations.expiresAt}) < now() - make_interval(days => ${keepDays})`,
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}
