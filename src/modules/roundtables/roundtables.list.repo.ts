// The round-table list in one query: the visibility rule of roundtables.access.ts (mayView) as SQL,
// the names, seat counts, the viewer's registration and the latest release number as subqueries,
// and keyset paging on (starts_at, id). One round trip whatever the number of round-tables.
import { and, asc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { agendaReleases, organizations, registrations, roundTables, users } from '../../db/schema/index.js';
import type { Principal } from '../../lib/principal.js';
import { ACTIVE_REGISTRATION, SEAT_HOLDING, registeredRoundTableIds } from './registrations.repo.js';

/** mayView in SQL: staff see everything of theirs; others no drafts, and visitors only public ones. */
function visibleSql(viewer: Principal | null): SQL {
  const listed = viewer ? ne(roundTables.status, 'draft') : and(ne(roundTables.status, 'draft'), eq(roundTables.audience, 'public'))!;
  if (!viewer) return listed;
  const staff =
    viewer.role === 'official' && viewer.organizationId
      ? or(eq(roundTables.chairId, viewer.userId), eq(roundTables.hostOrganizationId, viewer.organizationId))!
      : eq(roundTables.chairId, viewer.userId);
  return or(staff, listed)!;
}

export interface ListPage {
  viewer: Principal | null;
  mine: boolean;
  limit?: number | undefined;
  /** After this (starts_at as PostgreSQL text, id). */
  after?: [string, string] | undefined;
}

export async function listRoundTableViews(db: Executor, { viewer, mine, limit, after }: ListPage) {
  const where: SQL[] = [visibleSql(viewer)];
  if (mine && viewer) where.push(or(eq(roundTables.chairId, viewer.userId), inArray(roundTables.id, registeredRoundTableIds(db, viewer.userId)))!);
  if (after) where.push(sql`(${roundTables.startsAt}, ${roundTables.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const ofThis = (column: typeof registrations.roundTableId | typeof agendaReleases.roundTableId) => sql`${column} = ${roundTables.id}`;
  const mineWhere = viewer
    ? sql`${ofThis(registrations.roundTableId)} and ${registrations.userId} = ${viewer.userId} and ${inArray(registrations.status, ACTIVE_REGISTRATION)}`
    : sql`false`;
  const query = db
    .select({
      rt: roundTables,
      startsAtKey: sql<string>`${roundTables.startsAt}::text`,
      chairName: users.displayName,
      hostEn: organizations.nameEn,
      hostJa: organizations.nameJa,
      hostZh: organizations.nameZh,
      seatsTaken:
        sql<number>`(select count(*) from ${registrations} where ${ofThis(registrations.roundTableId)} and ${inArray(registrations.status, SEAT_HOLDING)})`.mapWith(
          Number,
        ),
      waitlisted:
        sql<number>`(select count(*) from ${registrations} where ${ofThis(registrations.roundTableId)} and ${registrations.status} = 'waitlisted')`.mapWith(
          Number,
        ),
      myRegistrationId: sql<string | null>`(select ${registrations.id} from ${registrations} where ${mineWhere} limit 1)`,
      myRegistrationStatus: sql<string | null>`(select ${registrations.status}::text from ${registrations} where ${mineWhere} limit 1)`,
      latestRelease: sql<number | null>`(select max(${agendaReleases.number}) from ${agendaReleases} where ${ofThis(agendaReleases.roundTableId)})`,
    })
    .from(roundTables)
    .leftJoin(users, eq(users.id, roundTables.chairId))
    .leftJoin(organizations, eq(organizations.id, roundTables.hostOrganizationId))
    .where(and(...where))
    .orderBy(asc(roundTables.startsAt), asc(roundTables.id));
  return limit === undefined ? query : query.limit(limit);
}
