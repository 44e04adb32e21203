// Loading an issue for someone: it exists for them only if they may see it; company-only actions
// need a company representative. Every issues service starts here.
import type { Executor, Tx } from '../../db/client.js';
import { forbidden } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import * as repo from './issues.repo.js';
import type { IssueRow } from './issues.repo.js';
import { canSeeIssue, viewerOf } from './issues.visibility.js';
import { issueNotFound } from './issues.workflow.js';

export function companyOf(actor: Principal): string {
  if (actor.role !== 'company_rep' || !actor.organizationId) throw forbidden('Only company representatives can do this', 'COMPANY_ONLY');
  return actor.organizationId;
}

/** The issue if the viewer may see it; otherwise it does not exist for them. */
export async function visibleIssue(db: Executor, actor: Principal | null, id: string, lock = false): Promise<IssueRow> {
  const issue = lock ? await repo.lockIssue(db as Tx, id) : await repo.findIssue(db, id);
  if (!issue || !canSeeIssue(viewerOf(actor), issue)) throw issueNotFound();
  return issue;
}
