import type { Db } from '../../db/client.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { Language } from '../../lib/principal.js';
import * as repo from './organizations.repo.js';

type Input = { kind?: 'company' | 'government' | 'organizer'; nameEn?: string; nameJa?: string; nameZh?: string; industry?: string | null };

function assertIndustry(kind: string, industry: string | null | undefined) {
  if (kind !== 'company' && industry) throw badRequest('INDUSTRY_ONLY_FOR_COMPANIES', 'Only companies have an industry');
}

export async function createOrganization(db: Db, input: Required<Pick<Input, 'kind' | 'nameEn'>> & Input) {
  assertIndustry(input.kind, input.industry);
  return repo.insertOrganization(db, {
    kind: input.kind,
    nameEn: input.nameEn,
    nameJa: input.nameJa ?? '',
    nameZh: input.nameZh ?? '',
    industry: input.industry ?? null,
  });
}

export async function getOrganization(db: Db, id: string) {
  const org = await repo.findOrganization(db, id);
  if (!org) throw notFound('ORGANIZATION_NOT_FOUND', 'No such organization');
  return org;
}

/** The kind is fixed once created: members' roles depend on it. */
export async function updateOrganization(db: Db, id: string, patch: Omit<Input, 'kind'>) {
  const org = await getOrganization(db, id);
  assertIndustry(org.kind, patch.industry);
  return (await repo.updateOrganization(db, id, patch))!;
}

export const listOrganizations = (db: Db, lang: Language = 'en') => repo.listOrganizations(db, lang);
