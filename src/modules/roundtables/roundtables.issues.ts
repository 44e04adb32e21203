// The one place round-tables talk to the issues module (its contract: src/modules/issues/issues.links.ts).
// Until that contract is on main, issue ids are stored as given and shown without details.
import type { Executor, Tx } from '../../db/client.js';
import type { Principal } from '../../lib/principal.js';

export interface AgendaIssue {
  id: string;
  title: string;
  category: string;
  visibility: string;
  companyName: string | null;
}

export async function checkSchedulable(_tx: Tx, _viewer: Principal, _ids: string[]): Promise<void> {}
export async function schedule(_tx: Tx, _actor: Principal, _ids: string[], _roundTableId: string): Promise<void> {}
export async function unschedule(_tx: Tx, _actor: Principal, _ids: string[]): Promise<void> {}
export async function markDiscussed(_tx: Tx, _actor: Principal, _ids: string[]): Promise<void> {}
export async function issueViews(_db: Executor, _viewer: Principal | null, _ids: string[]): Promise<AgendaIssue[]> {
  return [];
}
