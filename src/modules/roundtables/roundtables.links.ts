// What other modules (live session, outcomes) may use of round-tables: reading one, its released
// agenda's slots, and the status moves that only the live session makes (start and end are one
// path: POST .../start and .../conclude are the live session's own commands).
import type { Executor } from '../../db/client.js';
import type { ReleasedItem } from './agenda.changelog.js';
import * as agendaRepo from './agenda.repo.js';

export { findRoundTable, type RoundTableRow } from './roundtables.repo.js';
export { concludeRoundTableIn, startRoundTableIn } from './roundtables.service.js';
export type { ReleasedItem } from './agenda.changelog.js';

/** The slots of the latest released agenda, in order (sections only group them and are left out). */
export async function releasedSlots(db: Executor, roundTableId: string): Promise<ReleasedItem[]> {
  const release = await agendaRepo.latestRelease(db, roundTableId);
  return ((release?.items as ReleasedItem[] | undefined) ?? []).filter((i) => i.kind !== 'section');
}
