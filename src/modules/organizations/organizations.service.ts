import type { Db, Tx } from '../../db/client.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { queueEvent } from '../../live/event-log.js';
import { streamOf } from '../../live/streams.js';
import * as repo from './organizations.repo.js';

type Input = { kind?: 'company' | 'government' | 'organizer'; nameEn?: string; nameJa?: string; nameZh?: string; industry?: string | null };

function assertIndustry(kind: string, industry: string | null | undefined) {
  if (kind !== 'company' && industry) throw badRequest('INDUSTRY_ONLY_FOR_COMPANIES', 'Only companies have an industry');
}

type Organization = Awaited<ReturnType<typeof repo.insertOrganization>>;

/** The platform's audit trail (organizers) records who onboarded or renamed an organization. */
const record = (tx: Tx, actor: Principal, type: 'organization.created' | 'organization.updated', org: Organization) =>
  queueEvent(tx, {
    stream: streamOf.platform(),
    type,
    data: { organization: { id: org.id, kind: org.kind, nameEn: org.nameEn, nameJa: org.nameJa, nameZh: org.nameZh } },
    actorId: actor.userId,
  });

export async function createOrganization(db: Db, actor: Principal, input: Required<Pick<Input, 'kind' | 'nameEn'>> & Input) {
  assertIndustry(input.kind, input.industry);
  return db.transaction(async (tx) => {
    const org = await repo.insertOrganization(tx, {
      kind: input.kind,
      nameEn: input.nameEn,
      nameJa: input.nameJa ?? '',
      nameZh: input.nameZh ?? '',
      industry: input.industry ?? null,
    });
    await record(tx, actor, 'organization.created', org);
    return org;
  });
}

export async function getOrganization(db: Db, id: string) {
  const org = await repo.findOrganization(db, id);
  if (!org) throw notFound('ORGANIZATION_NOT_FOUND', 'No such organization');
  return org;
}

/** The kind is fixed once created: members' roles depend on it. */
export async function updateOrganization(db: Db, actor: Principal, id: string, patch: Omit<Input, 'kind'>) {
  const org = await getOrganization(db, id);
  assertIndustry(org.kind, patch.industry);
  return db.transaction(async (tx) => {
    const updated = await repo.updateOrganizationRow(tx, id, patch);
    if (!updated) throw notFound('ORGANIZATION_NOT_FOUND', 'No such organization');
    await record(tx, actor, 'organization.updated', updated);
    return updated;
  });
}

export const listOrganizations = (db: Db, lang: Language = 'en') => repo.listOrganizationRows(db, lang);
