// Demo round-tables, made through the services so rows, releases and events are consistent:
// one in Tianjin (Asia/Shanghai) with two agenda releases, registrations and a waitlist; one online
// from Tokyo (Asia/Tokyo); one draft.
import type { Db, Tx } from '../client.js';
import { getDraft, publishRelease, saveDraft } from '../../modules/roundtables/agenda.service.js';
import { register } from '../../modules/roundtables/registrations.service.js';
import { createRoundTable, publishRoundTable } from '../../modules/roundtables/roundtables.service.js';
import { demoPrincipal, type IdentityIds } from './identity.js';

/** `acceptedIssueIds`: the demo's accepted issues, oldest first, to place on the Tianjin agenda. */
export async function seedRoundTables(tx: Tx, ids: IdentityIds, acceptedIssueIds: string[]): Promise<void> {
  // Services open their own transactions; inside the seed's they become savepoints.
  const db = tx as unknown as Db;
  const wang = demoPrincipal(ids, 'official1');
  const zhang = demoPrincipal(ids, 'official2');

  const tianjin = await createRoundTable(
    db,
    wang,
    {
      titleEn: 'Round-table on the business environment: the first 100 days',
      titleJa: 'ビジネス環境に関する円卓会議：最初の100日',
      titleZh: '营商环境圆桌会议：首个百日行动',
      descriptionEn: 'Tianjin municipal departments meet Japanese companies to agree specific actions within 100 days.',
      descriptionJa: '天津市の関係部門が日系企業と面談し、100日以内の具体的な行動を合意します。',
      descriptionZh: '天津市有关部门与日资企业座谈，商定百日内的具体行动。',
      theme: 'business_environment',
      venueName: 'Tianjin Meijiang Convention Center',
      venueCityEn: 'Tianjin',
      venueCityJa: '天津',
      venueCityZh: '天津',
      venueAddress: '32 Youyi South Road, Hexi District, Tianjin',
      venueRoom: 'Hall A',
      start: '2026-12-15T14:00',
      end: '2026-12-15T17:00',
      capacity: 4,
      proposalDeadline: '2026-12-08T18:00',
    },
    { historical: true },
  );
  await publishRoundTable(db, wang, tianjin.id);
  const first = await saveDraft(db, wang, tianjin.id, {
    version: 0,
    items: [
      { kind: 'opening', titleEn: 'Opening remarks', titleJa: '開会挨拶', titleZh: '开幕致辞', presenter: 'Wang Li', plannedMinutes: 15 },
      {
        kind: 'section',
        titleEn: 'Business environment',
        titleJa: 'ビジネス環境',
        titleZh: '营商环境',
        items: [
          {
            kind: 'presentation',
            titleEn: 'Customs clearance times',
            titleJa: '通関時間',
            titleZh: '通关时间',
            presenter: 'Kaze Logistics',
            plannedMinutes: 40,
            internalNotes: 'Customs bureau to bring the Q3 figures.',
          },
          {
            kind: 'presentation',
            titleEn: 'Social insurance for foreign staff',
            titleJa: '外国人社員の社会保険',
            titleZh: '外籍员工社会保险',
            presenter: 'Hanami Motors',
            plannedMinutes: 40,
          },
        ],
      },
      { kind: 'break', titleEn: 'Tea break', titleJa: '休憩', titleZh: '茶歇', plannedMinutes: 15 },
      { kind: 'closing', titleEn: 'Closing and next steps', titleJa: '閉会と今後の進め方', titleZh: '闭幕及下一步安排', plannedMinutes: 20 },
    ],
  });
  await publishRelease(db, wang, tianjin.id, { version: first.version });
  // Release 2: the tea break moves between the talks, and one talk is renamed: a changelog to show.
  const [opening, section, tea, closing] = first.items;
  const [customs, insurance] = section!.items!;
  const second = await saveDraft(db, wang, tianjin.id, {
    version: first.version,
    items: [
      {
        id: opening!.id,
        kind: 'opening',
        titleEn: opening!.titleEn,
        titleJa: opening!.titleJa,
        titleZh: opening!.titleZh,
        presenter: opening!.presenter,
        plannedMinutes: 15,
      },
      {
        id: section!.id,
        kind: 'section',
        titleEn: section!.titleEn,
        titleJa: section!.titleJa,
        titleZh: section!.titleZh,
        items: [
          {
            id: customs!.id,
            kind: 'presentation',
            titleEn: 'Customs clearance times at Tianjin port',
            titleJa: '天津港の通関時間',
            titleZh: '天津港通关时间',
            presenter: customs!.presenter,
            plannedMinutes: 40,
            internalNotes: customs!.internalNotes,
          },
          { id: tea!.id, kind: 'break', titleEn: tea!.titleEn, titleJa: tea!.titleJa, titleZh: tea!.titleZh, plannedMinutes: 15 },
          {
            id: insurance!.id,
            kind: 'presentation',
            titleEn: insurance!.titleEn,
            titleJa: insurance!.titleJa,
            titleZh: insurance!.titleZh,
            presenter: insurance!.presenter,
            plannedMinutes: 45,
          },
        ],
      },
      { id: closing!.id, kind: 'closing', titleEn: closing!.titleEn, titleJa: closing!.titleJa, titleZh: closing!.titleZh, plannedMinutes: 20 },
    ],
  });
  await publishRelease(db, wang, tianjin.id, { version: second.version });
  for (const key of ['hanami', 'kaze', 'attendee1', 'attendee2', 'fuji', 'midori']) await register(db, demoPrincipal(ids, key), tianjin.id);

  // With demo issues seeded first, the accepted ones get a slot of their own (release 3): placing them schedules them.
  const accepted = acceptedIssueIds.slice(0, 2);
  if (accepted.length) {
    const current = await getDraft(db, wang, tianjin.id);
    const withIssues = await saveDraft(db, wang, tianjin.id, {
      version: current.version,
      items: [
        ...current.items.map(({ id, kind, titleEn, titleJa, titleZh, presenter, plannedMinutes, internalNotes, issueIds, items }) => ({
          id,
          kind,
          titleEn,
          titleJa,
          titleZh,
          presenter,
          plannedMinutes,
          internalNotes,
          issueIds,
          ...(items
            ? {
                items: items.map(({ id, kind, titleEn, titleJa, titleZh, presenter, plannedMinutes, internalNotes, issueIds }) => ({
                  id,
                  kind,
                  titleEn,
                  titleJa,
                  titleZh,
                  presenter,
                  plannedMinutes,
                  internalNotes,
                  issueIds,
                })),
              }
            : {}),
        })),
      ].flatMap((item) =>
        item.kind === 'closing'
          ? [
              {
                kind: 'issue' as const,
                titleEn: 'Issues raised by companies',
                titleJa: '企業から提起された議題',
                titleZh: '企业提出的议题',
                plannedMinutes: 30,
                issueIds: accepted,
              },
              item,
            ]
          : [item],
      ),
    });
    await publishRelease(db, wang, tianjin.id, { version: withIssues.version });
  }

  const online = await createRoundTable(
    db,
    zhang,
    {
      titleEn: 'Online round-table: intellectual property protection',
      titleJa: 'オンライン円卓会議：知的財産権の保護',
      titleZh: '线上圆桌会议：知识产权保护',
      descriptionEn: 'Chaired from Tokyo with JETRO; open to all registered users.',
      descriptionJa: 'ジェトロと共に東京から進行します。登録ユーザーならどなたでも参加できます。',
      descriptionZh: '与日本贸易振兴机构在东京共同主持，所有注册用户均可参加。',
      theme: 'intellectual_property',
      onlineUrl: 'https://meet.example/roundtable-ip',
      timeZone: 'Asia/Tokyo',
      start: '2026-12-18T10:00',
      end: '2026-12-18T12:00',
      capacity: 50,
      audience: 'registered',
    },
    { historical: true },
  );
  await publishRoundTable(db, zhang, online.id);
  const agenda = await saveDraft(db, zhang, online.id, {
    version: 0,
    items: [
      { kind: 'opening', titleEn: 'Welcome', titleJa: '開会', titleZh: '欢迎致辞', presenter: 'Zhang Min', plannedMinutes: 10 },
      {
        kind: 'presentation',
        titleEn: 'Trademark squatting: cases and remedies',
        titleJa: '商標の冒認出願：事例と対策',
        titleZh: '商标抢注：案例与对策',
        presenter: 'Sakura Electronics',
        plannedMinutes: 45,
      },
      {
        kind: 'presentation',
        titleEn: 'Faster patent enforcement',
        titleJa: '特許権行使の迅速化',
        titleZh: '加快专利执法',
        presenter: 'Tianjin IP Office',
        plannedMinutes: 45,
      },
      { kind: 'closing', titleEn: 'Summary', titleJa: 'まとめ', titleZh: '总结', plannedMinutes: 15 },
    ],
  });
  await publishRelease(db, zhang, online.id, { version: agenda.version });
  for (const key of ['sakura', 'attendee2', 'attendee3']) await register(db, demoPrincipal(ids, key), online.id);

  await createRoundTable(
    db,
    wang,
    {
      titleEn: 'Elderly care and cross-border e-commerce',
      titleJa: '介護と越境EC',
      titleZh: '养老服务与跨境电商',
      theme: 'modern_services',
      venueName: 'Tianjin Meijiang Convention Center',
      venueCityEn: 'Tianjin',
      venueCityJa: '天津',
      venueCityZh: '天津',
      venueRoom: 'Hall B',
      start: '2027-01-20T09:30',
      end: '2027-01-20T12:00',
      capacity: 30,
    },
    { historical: true },
  );
}
