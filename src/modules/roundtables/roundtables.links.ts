// What other modules (live session, outcomes) may use of round-tables: reading one, its released
// agenda's slots, and the status moves that only the live session makes (start and end are one
// path: POST .../start and .../conclude are the live session's own commands).
import type { Executor, Tx } from '../../db/client.js';
import { emitRoundTable } from './roundtables.events.js';
import { roundTableSummary } from './roundtables.service.js';
import { refreshTranslatedColumns, type RoundTableTextKind } from './roundtables.translatable.js';
import type { ReleasedItem } from './agenda.changelog.js';
import * as agendaRepo from './agenda.repo.js';

import { findRoundTable, listRoundTableRows, type RoundTableRow } from './roundtables.repo.js';
export { findRoundTable, type RoundTableRow } from './roundtables.repo.js';
export { concludeRoundTableIn, startRoundTableIn } from './roundtables.service.js';
export type { ReleasedItem } from './agenda.changelog.js';
/** For the translations module: titles, descriptions and agenda items as translatable texts, the queue's candidates, and the columns that show current translations. */
export { roundTableCandidates, roundTableText, type RoundTableTextKind } from './roundtables.translatable.js';

/**
 * After a translation of a round-table's text was saved: its columns show it, and the round-table's streams hear
 * `roundtable.updated` (open pages reload, and the visitors' cached page and agenda are refreshed).
 */
export async function syncTranslatedColumns(tx: Tx, kind: RoundTableTextKind, id: string, actorId: string | null): Promise<void> {
  const rt = await refreshTranslatedColumns(tx, kind, id);
  if (rt) await emitRoundTable(tx, rt, 'roundtable.updated', { roundTable: roundTableSummary(rt) }, { roundTable: roundTableSummary(rt) }, actorId);
}

/** The slots of the latest released agenda, in order (sections only group them and are left out). */
export async function releasedSlots(db: Executor, roundTableId: string): Promise<ReleasedItem[]> {
  const release = await agendaRepo.latestRelease(db, roundTableId);
  return ((release?.items as ReleasedItem[] | undefined) ?? []).filter((i) => i.kind !== 'section');
}

// For the outcomes module: agenda slots (the draft's, whose ids the released ones share) and round-tables in bulk.
export type RoundTableRecord = RoundTableRow;
export type AgendaSlotRecord = agendaRepo.AgendaItemRow;
export const findRoundTableRecord = (db: Executor, id: string) => findRoundTable(db, id);
export const listRoundTableRecords = (db: Executor) => listRoundTableRows(db);
export const agendaSlotsOf = (db: Executor, id: string) => agendaRepo.agendaOf(db, id);
