// Demo organizations and accounts. Every demo account shares DEMO_PASSWORD (listed in the README).
import { organizations, users } from '../schema/index.js';
import type { Tx } from '../client.js';
import type { Principal } from '../../lib/principal.js';

export const DEMO_PASSWORD = 'roundtable-demo';

type OrgSeed = { key: string; kind: 'company' | 'government' | 'organizer'; en: string; ja: string; zh: string; industry?: string };
type UserSeed = {
  key: string;
  email: string;
  name: string;
  role: 'organizer' | 'official' | 'company_rep' | 'attendee';
  org?: string;
  language: 'en' | 'ja' | 'zh';
  timeZone: string;
};

export const DEMO_ORGS: OrgSeed[] = [
  { key: 'tjcoc', kind: 'government', en: 'Tianjin Commission of Commerce', ja: '天津市商務委員会', zh: '天津市商务委员会' },
  { key: 'jetro', kind: 'organizer', en: 'JETRO Beijing', ja: 'ジェトロ北京事務所', zh: '日本贸易振兴机构北京代表处' },
  {
    key: 'hanami',
    kind: 'company',
    en: 'Hanami Motors (Tianjin) Co., Ltd.',
    ja: '花見自動車（天津）有限公司',
    zh: '花见汽车（天津）有限公司',
    industry: 'Automotive',
  },
  { key: 'sakura', kind: 'company', en: 'Sakura Electronics China', ja: 'さくら電子中国', zh: '樱花电子中国', industry: 'Electronics' },
  { key: 'kaze', kind: 'company', en: 'Kaze Logistics Tianjin', ja: '風ロジスティクス天津', zh: '风物流天津', industry: 'Logistics' },
  { key: 'midori', kind: 'company', en: 'Midori Elderly Care Services', ja: 'みどり介護サービス', zh: '绿色养老服务', industry: 'Elderly care' },
  { key: 'fuji', kind: 'company', en: 'Fuji Cross-Border Commerce', ja: '富士越境EC', zh: '富士跨境电商', industry: 'Cross-border e-commerce' },
];

export const DEMO_USERS: UserSeed[] = [
  { key: 'organizer', email: 'organizer@jetro.example', name: 'Kenji Sato', role: 'organizer', org: 'jetro', language: 'ja', timeZone: 'Asia/Shanghai' },
  { key: 'official1', email: 'wang.li@tianjin-commerce.example', name: 'Wang Li', role: 'official', org: 'tjcoc', language: 'zh', timeZone: 'Asia/Shanghai' },
  {
    key: 'official2',
    email: 'zhang.min@tianjin-commerce.example',
    name: 'Zhang Min',
    role: 'official',
    org: 'tjcoc',
    language: 'en',
    timeZone: 'Asia/Shanghai',
  },
  {
    key: 'hanami',
    email: 'tanaka@hanami-motors.example',
    name: 'Hiroshi Tanaka',
    role: 'company_rep',
    org: 'hanami',
    language: 'ja',
    timeZone: 'Asia/Shanghai',
  },
  {
    key: 'sakura',
    email: 'suzuki@sakura-electronics.example',
    name: 'Yuki Suzuki',
    role: 'company_rep',
    org: 'sakura',
    language: 'en',
    timeZone: 'Asia/Tokyo',
  },
  { key: 'kaze', email: 'watanabe@kaze-logistics.example', name: 'Aiko Watanabe', role: 'company_rep', org: 'kaze', language: 'ja', timeZone: 'Asia/Shanghai' },
  { key: 'midori', email: 'ito@midori-care.example', name: 'Takeshi Ito', role: 'company_rep', org: 'midori', language: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'fuji', email: 'yamamoto@fuji-commerce.example', name: 'Emi Yamamoto', role: 'company_rep', org: 'fuji', language: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'attendee1', email: 'liu.yang@example.org', name: 'Liu Yang', role: 'attendee', language: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'attendee2', email: 'nakamura@example.org', name: 'Mai Nakamura', role: 'attendee', language: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'attendee3', email: 'j.miller@example.org', name: 'Jordan Miller', role: 'attendee', language: 'en', timeZone: 'America/New_York' },
];

export interface IdentityIds {
  orgs: Record<string, string>;
  users: Record<string, string>;
}

export async function seedIdentity(tx: Tx, passwordHash: string): Promise<IdentityIds> {
  const orgRows = await tx
    .insert(organizations)
    .values(DEMO_ORGS.map((o) => ({ kind: o.kind, nameEn: o.en, nameJa: o.ja, nameZh: o.zh, industry: o.industry ?? null })))
    .returning({ id: organizations.id });
  const orgs = Object.fromEntries(DEMO_ORGS.map((o, i) => [o.key, orgRows[i]!.id]));

  const userRows = await tx
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        email: u.email,
        displayName: u.name,
        passwordHash,
        role: u.role,
        organizationId: u.org ? orgs[u.org]! : null,
        language: u.language,
        timeZone: u.timeZone,
      })),
    )
    .returning({ id: users.id });
  return { orgs, users: Object.fromEntries(DEMO_USERS.map((u, i) => [u.key, userRows[i]!.id])) };
}

/** A demo user as the principal the services expect, so demo data goes through the same rules and events. */
export function demoPrincipal(ids: IdentityIds, key: string): Principal {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  const org = u.org ? DEMO_ORGS.find((o) => o.key === u.org)! : null;
  return {
    userId: ids.users[key]!,
    sessionId: 'seed',
    email: u.email,
    displayName: u.name,
    role: u.role,
    organizationId: org ? ids.orgs[org.key]! : null,
    organizationKind: org?.kind ?? null,
    language: u.language,
    timeZone: u.timeZone,
  };
}
