// Queries for agendas: the draft's items and the published releases.
import { asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { agendaItems, agendaReleases } from '../../db/schema/index.js';

export type AgendaItemRow = typeof agendaItems.$inferSelect;

export function agendaOf(db: Executor, roundTableId: string): Promise<AgendaItemRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.roundTableId, roundTableId)).orderBy(asc(agendaItems.position));
}

export async function replaceAgenda(db: Executor, roundTableId: string, items: (typeof agendaItems.$inferInsert)[]) {
  await db.delete(agendaItems).where(eq(agendaItems.roundTableId, roundTableId));
  if (items.length) await db.insert(agendaItems).values(items);
}

export type ReleaseRow = typeof agendaReleases.$inferSelect;

export async function latestRelease(db: Executor, roundTableId: string): Promise<ReleaseRow | null> {
  const [row] = await db.select().from(agendaReleases).where(eq(agendaReleases.roundTableId, roundTableId)).orderBy(desc(agendaReleases.number)).limit(1);
  return row ?? null;
}

export function listReleaseRows(db: Executor, roundTableId: string): Promise<ReleaseRow[]> {
  return db.select().from(agendaReleases).where(eq(agendaReleases.roundTableId, roundTableId)).orderBy(desc(agendaReleases.number));
}

export async function insertRelease(db: Executor, values: typeof agendaReleases.$inferInsert): Promise<ReleaseRow> {
  const [row] = await db.insert(agendaReleases).values(values).returning();
  return row!;
}

export async function findAgendaItem(db: Executor, id: string): Promise<AgendaItemRow | null> {
  const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, id));
  return row ?? null;
}

export async function updateAgendaItem(db: Executor, id: string, values: Partial<typeof agendaItems.$inferInsert>): Promise<void> {
  await db.update(agendaItems).set(values).where(eq(agendaItems.id, id));
}
