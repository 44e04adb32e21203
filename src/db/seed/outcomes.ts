// Demo outcomes, written through the services: a round-table held in July 2026 in Tianjin, with final
// minutes, decisions of every kind and actions in every status (two overdue against the 100-day
// pledge, one done whose issue became resolved), so the board has something to show on first start.
import type { Db, Tx } from '../client.js';
import { publishRelease, saveDraft } from '../../modules/roundtables/agenda.service.js';
import { createRoundTable, publishRoundTable } from '../../modules/roundtables/roundtables.service.js';
import { end, setSlot, start } from '../../modules/live-session/session.service.js';
import { addAddendum, addComment, circulateMinutes, finalizeMinutes, saveMinutes } from '../../modules/outcomes/minutes.service.js';
import { createDecision } from '../../modules/outcomes/decisions.service.js';
import { addProgress, createAction, setActionStatus } from '../../modules/outcomes/actions.service.js';
import { demoPrincipal, type IdentityIds } from './identity.js';

/** `issues`: demo issue ids by key (seedIssues); uses four accepted ones the other demo round-tables leave alone. */
export async function seedOutcomes(tx: Tx, ids: IdentityIds, issues: Record<string, string>): Promise<void> {
  const db = tx as unknown as Db;
  const wang = demoPrincipal(ids, 'official1');
  const zhang = demoPrincipal(ids, 'official2');
  const hanami = demoPrincipal(ids, 'hanami');
  const tjcoc = ids.orgs.tjcoc!;
  const issue = (key: string) => issues[key]!;
  const [land, power, careStaff, visa] = [issue('invest-land'), issue('env-power'), issue('elderly-staff'), issue('env-visa')];

  const rt = await createRoundTable(
    db,
    wang,
    {
      titleEn: 'Round-table on investment and services: July 2026',
      titleJa: '投資とサービスに関する円卓会議（2026年7月）',
      titleZh: '投资与服务圆桌会议（2026年7月）',
      descriptionEn: 'Held in July; its 100-day pledge is followed on the accountability board.',
      descriptionJa: '7月に開催。100日間の約束の進捗はアカウンタビリティ・ボードで公開しています。',
      descriptionZh: '7月举行；百日承诺的落实情况在问责看板上公开。',
      theme: 'investment',
      venueName: 'Tianjin Meijiang Convention Center',
      venueCityEn: 'Tianjin',
      venueCityJa: '天津',
      venueCityZh: '天津',
      venueRoom: 'Hall C',
      start: '2026-07-14T14:00',
      end: '2026-07-14T17:00',
      capacity: 40,
    },
    { historical: true },
  );
  await publishRoundTable(db, wang, rt.id);
  const draft = await saveDraft(db, wang, rt.id, {
    version: 0,
    items: [
      { kind: 'issue', titleEn: 'Investment and operations', titleJa: '投資と操業', titleZh: '投资与经营', plannedMinutes: 60, issueIds: [land, power] },
      { kind: 'issue', titleEn: 'Services and people', titleJa: 'サービスと人材', titleZh: '服务与人才', plannedMinutes: 60, issueIds: [careStaff, visa] },
    ],
  });
  await publishRelease(db, wang, rt.id, { version: draft.version });
  const [slotA, slotB] = draft.items.map((i) => i.id);
  await start(db, wang, rt.id);
  await setSlot(db, wang, rt.id, { itemId: slotB! });
  await end(db, wang, rt.id);

  // Minutes: slot A circulated (with a comment from a company on it), then final with an addendum; slot B final.
  await saveMinutes(db, wang, rt.id, slotA!, {
    text: 'The development zone presented its land approval process.\nState Grid will be asked about planned power cuts.',
    baseVersion: 0,
  });
  await saveMinutes(db, zhang, rt.id, slotA!, {
    text: 'The development zone presented its parallel land and planning approvals.\nState Grid Tianjin will be asked to give a week of notice before planned power cuts.',
    baseVersion: 1,
  });
  await circulateMinutes(db, wang, rt.id, slotA!, { commentsUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  await addComment(db, hanami, rt.id, slotA!, { text: 'Please record that the paint lines need at least five days of notice.', language: 'en' });
  await finalizeMinutes(db, wang, rt.id, slotA!);
  await addAddendum(db, wang, rt.id, slotA!, {
    text: 'Addendum: the paint lines need at least five days of notice (comment by a participating company).',
    language: 'en',
  });
  await saveMinutes(db, zhang, rt.id, slotB!, {
    text: 'Recognition of foreign care qualifications needs the civil affairs bureau.\nVisa invitation letters are already issued within five working days.',
    baseVersion: 0,
  });
  await finalizeMinutes(db, zhang, rt.id, slotB!);

  // Decisions of every kind.
  const dLand = await createDecision(db, wang, rt.id, slotA!, {
    text: '开发区将土地与规划审批并联办理，并指定专人跟进。',
    kind: 'commitment',
    issueIds: [land],
    language: 'zh',
  });
  const dPower = await createDecision(db, wang, rt.id, slotA!, {
    text: 'Referred to the power company: planned cuts in the development zone to be announced a week ahead.',
    kind: 'referral',
    department: 'State Grid Tianjin Electric Power Company',
    issueIds: [power],
    language: 'en',
  });
  const dCare = await createDecision(db, zhang, rt.id, slotB!, {
    text: '資格の相互認証について、日本側の制度資料の提出を求める。',
    kind: 'needs_more_information',
    issueIds: [careStaff],
    language: 'ja',
  });
  await createDecision(db, zhang, rt.id, slotB!, {
    text: 'No further action: invitation letters are already issued within five working days.',
    kind: 'no_action',
    reason: 'The requested change is already in force since June 2026.',
    issueIds: [visa],
    language: 'en',
  });

  // Actions in every status; the pledge is 2026-10-22 (July 14 + 100 days in Shanghai).
  const landAction = await createAction(db, wang, dLand.id, {
    description: 'One window for land and planning approvals in the development zone',
    ownerOrganizationId: tjcoc,
    ownerUserId: wang.userId,
  });
  await setActionStatus(db, wang, landAction.id, { status: 'in_progress' });
  await addProgress(db, wang, landAction.id, {
    percent: 50,
    publicText: 'The joint approval window is staffed.',
    internalNote: 'Planning bureau agreed on 2026-08-20.',
    language: 'en',
  });
  await setActionStatus(db, wang, landAction.id, { status: 'done' }); // the land issue is resolved
  const noticeAction = await createAction(db, wang, dPower.id, {
    description: 'Agree a seven-day notice rule with State Grid Tianjin',
    ownerOrganizationId: tjcoc,
    ownerUserId: zhang.userId,
  });
  await setActionStatus(db, zhang, noticeAction.id, { status: 'in_progress' });
  await addProgress(db, zhang, noticeAction.id, { percent: 60, publicText: 'Draft rule sent to the power company.', language: 'en' }); // overdue, in progress
  await createAction(db, wang, dPower.id, {
    description: 'Publish the planned-cut calendar for the development zone online',
    ownerOrganizationId: tjcoc,
    dueDate: '2026-12-20',
  }); // open, not due yet
  const smsAction = await createAction(db, wang, dPower.id, { description: 'SMS alerts for planned cuts', ownerOrganizationId: tjcoc, dueDate: '2026-09-30' });
  await setActionStatus(db, wang, smsAction.id, { status: 'dropped', reason: 'Replaced by the seven-day notice rule.', language: 'en' });
  await createAction(db, zhang, dCare.id, {
    description: 'Collect the Japanese care-worker certification rules',
    ownerOrganizationId: tjcoc,
    ownerUserId: zhang.userId,
    dueDate: '2026-09-30',
  }); // open, overdue
}
