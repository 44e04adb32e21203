// Demo issues, made through the issue services so history, supports, answers, feed rows and events
// are all consistent: ~30 issues across the four categories, every review state, all three
// visibilities, in English, Japanese and Chinese, with supports and a merged pair.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.js';
import { merge } from '../../modules/issues/issues.merge.js';
import { createIssue, runCommand } from '../../modules/issues/issues.service.js';
import { support } from '../../modules/issues/issues.supports.js';
import type { Category, Visibility } from '../../modules/issues/issues.state-machine.js';
import { demoPrincipal, type IdentityIds } from './identity.js';

type Target = 'draft' | 'submitted' | 'under_review' | 'accepted' | 'declined' | 'withdrawn' | 'merged';
export interface DemoIssue {
  key: string;
  by: string;
  lang: 'en' | 'ja' | 'zh';
  category: Category;
  visibility: Visibility;
  state: Target;
  title: string;
  body: string;
  outcome: string;
  tags: string[];
  daysAgo: number;
  answer?: { text: string; department: string; timeFrame: string; hold?: boolean };
  reason?: string;
  mergeInto?: string;
}

export const DEMO_ISSUES: DemoIssue[] = [
  {
    key: 'customs',
    by: 'kaze',
    lang: 'en',
    category: 'business_environment',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 40,
    title: 'Customs clearance of imported spare parts takes more than ten days at Tianjin port',
    body: 'Spare parts for production lines wait ten to fourteen days for inspection and release at Tianjin Xingang. Lines stop while we wait.',
    outcome: 'A fast lane for certified spare parts, with release within 72 hours.',
    tags: ['customs', 'port', 'logistics'],
    answer: {
      text: 'Tianjin Customs will pilot a fast lane for AEO-certified importers of spare parts from January.',
      department: 'Tianjin Customs District',
      timeFrame: 'Pilot from January 2027',
    },
  },
  {
    key: 'customs-dup',
    by: 'hanami',
    lang: 'ja',
    category: 'business_environment',
    visibility: 'anonymous',
    state: 'merged',
    daysAgo: 35,
    mergeInto: 'customs',
    title: '天津港での補修部品の通関に時間がかかりすぎる',
    body: '補修部品の輸入通関に平均12日かかり、生産ラインが停止することがあります。',
    outcome: '通関時間を3日以内に短縮してほしい。',
    tags: ['通関', '部品'],
  },
  {
    key: 'social-insurance',
    by: 'hanami',
    lang: 'ja',
    category: 'business_environment',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 38,
    title: '日本人駐在員の社会保険の二重加入',
    body: '日中社会保障協定の適用証明書の手続きが区ごとに異なり、二重加入が解消されないケースがあります。',
    outcome: '市内で統一された手続きと窓口の案内。',
    tags: ['社会保険', '駐在員'],
    answer: { text: '市人力资源和社会保障局将统一各区办理流程，并在官网公布办事指南。', department: '天津市人力资源和社会保障局', timeFrame: '3个月内' },
  },
  {
    key: 'elderly-licence',
    by: 'midori',
    lang: 'ja',
    category: 'modern_services',
    visibility: 'public',
    state: 'under_review',
    daysAgo: 20,
    title: '外資系介護事業者の設立許可の要件が不明確',
    body: '外資による介護施設の設立について、必要書類と審査基準が公開されておらず、準備に時間がかかっています。',
    outcome: '要件と審査期間の公表。',
    tags: ['介護', '許認可'],
  },
  {
    key: 'elderly-staff',
    by: 'midori',
    lang: 'en',
    category: 'modern_services',
    visibility: 'anonymous',
    state: 'accepted',
    daysAgo: 30,
    title: 'Recognition of Japanese care-worker qualifications',
    body: 'Japanese certified care workers cannot be counted as qualified staff in Tianjin facilities, which limits the services we can offer.',
    outcome: 'A route to recognise Japanese care qualifications, or a short bridging course.',
    tags: ['elderly care', 'qualifications'],
    answer: {
      text: 'The Civil Affairs Bureau will study a bridging course with two vocational colleges.',
      department: 'Tianjin Civil Affairs Bureau',
      timeFrame: 'Proposal within 100 days',
      hold: true,
    },
  },
  {
    key: 'ecommerce-returns',
    by: 'fuji',
    lang: 'zh',
    category: 'modern_services',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 28,
    title: '跨境电商退货商品无法便捷复运出境',
    body: '跨境电商零售进口商品的退货需要逐票申报，手续复杂，退货周期超过一个月。',
    outcome: '建立跨境电商退货中心仓，简化退货申报。',
    tags: ['跨境电商', '退货'],
    answer: { text: '滨海新区将在综合保税区试点退货中心仓模式。', department: '天津市商务局', timeFrame: '2027年第一季度' },
  },
  {
    key: 'ecommerce-payments',
    by: 'fuji',
    lang: 'zh',
    category: 'modern_services',
    visibility: 'confidential',
    state: 'under_review',
    daysAgo: 12,
    title: '跨境电商结汇手续需要逐笔提交材料',
    body: '我司每月有数千笔小额订单，银行要求逐笔提供证明材料，成本很高。',
    outcome: '允许按月汇总办理结汇。',
    tags: ['外汇', '支付'],
  },
  {
    key: 'ip-trademark',
    by: 'sakura',
    lang: 'en',
    category: 'intellectual_property',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 8,
    title: 'Trademark squatting of Japanese brands by local distributors',
    body: 'Former distributors register our product names as trademarks and then block our imports. Opposition takes two years.',
    outcome: 'Faster handling of bad-faith trademark oppositions and a contact point at the market regulator.',
    tags: ['trademark', 'IP'],
  },
  {
    key: 'ip-counterfeit',
    by: 'sakura',
    lang: 'ja',
    category: 'intellectual_property',
    visibility: 'anonymous',
    state: 'submitted',
    daysAgo: 6,
    title: 'オンラインでの模倣品販売への対応',
    body: '電子部品の模倣品がECサイトで販売されており、削除要請への対応が遅いです。',
    outcome: 'ECプラットフォームとの迅速な削除手続き。',
    tags: ['模倣品', 'EC'],
  },
  {
    key: 'ip-trade-secret',
    by: 'hanami',
    lang: 'en',
    category: 'intellectual_property',
    visibility: 'confidential',
    state: 'under_review',
    daysAgo: 15,
    title: 'Trade secret taken by a departing engineer',
    body: 'A departing engineer took design files to a competitor. We need guidance on evidence preservation and the court procedure.',
    outcome: 'A meeting with the IP court and the public security bureau.',
    tags: ['trade secrets'],
  },
  {
    key: 'ip-patent-fees',
    by: 'sakura',
    lang: 'zh',
    category: 'intellectual_property',
    visibility: 'public',
    state: 'declined',
    daysAgo: 45,
    title: '希望减免外资企业专利年费',
    body: '外资企业在津申请的专利数量多，年费负担较重。',
    outcome: '对研发型外资企业减免专利年费。',
    tags: ['专利'],
    reason: '专利年费由国家知识产权局统一规定，不属于市级权限；可申请市级专利资助政策。',
  },
  {
    key: 'invest-land',
    by: 'hanami',
    lang: 'ja',
    category: 'investment',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 33,
    title: '工場増設用地の取得手続きの迅速化',
    body: '工場の増設を計画していますが、用地の取得と建築許可に1年以上かかる見込みです。',
    outcome: '手続きの並行処理と担当窓口の一本化。',
    tags: ['用地', '投資'],
    answer: { text: '开发区将指定专人跟进，土地与规划审批并联办理。', department: '天津经济技术开发区管委会', timeFrame: '即日起' },
  },
  {
    key: 'invest-matching',
    by: 'kaze',
    lang: 'en',
    category: 'investment',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 5,
    title: 'Matchmaking between Japanese SMEs and Tianjin manufacturers',
    body: 'Small Japanese suppliers cannot find local partners. A regular matchmaking event would help both sides.',
    outcome: 'A quarterly matchmaking event co-hosted with JETRO.',
    tags: ['matchmaking', 'SMEs'],
  },
  {
    key: 'invest-rd',
    by: 'sakura',
    lang: 'en',
    category: 'investment',
    visibility: 'anonymous',
    state: 'under_review',
    daysAgo: 18,
    title: 'Access to R&D subsidies for foreign-invested companies',
    body: 'Foreign-invested R&D centres are told they are not eligible for municipal R&D subsidies, although the rules do not say so.',
    outcome: 'A clear statement that foreign-invested R&D centres are eligible.',
    tags: ['R&D', 'subsidies'],
  },
  {
    key: 'invest-jv',
    by: 'fuji',
    lang: 'zh',
    category: 'investment',
    visibility: 'public',
    state: 'withdrawn',
    daysAgo: 50,
    title: '合资企业股权变更审批时间过长',
    body: '合资企业股权变更需要多个部门审批。',
    outcome: '简化审批。',
    tags: ['合资'],
    reason: '已通过商务局窗口解决。',
  },
  {
    key: 'env-data',
    by: 'sakura',
    lang: 'en',
    category: 'business_environment',
    visibility: 'public',
    state: 'under_review',
    daysAgo: 22,
    title: 'Cross-border transfer of personal data to our Tokyo head office',
    body: 'The security assessment for sending HR data to head office is unclear for companies under the threshold. We need guidance.',
    outcome: 'A guidance session and a checklist for small data exporters.',
    tags: ['data', 'compliance'],
  },
  {
    key: 'env-data-2',
    by: 'hanami',
    lang: 'ja',
    category: 'business_environment',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 3,
    title: '本社への個人データ越境移転の手続き',
    body: '人事データを東京本社に移転する際の安全評価の要否が分かりません。',
    outcome: '手続きの説明会の開催。',
    tags: ['データ'],
  },
  {
    key: 'env-visa',
    by: 'kaze',
    lang: 'ja',
    category: 'business_environment',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 26,
    title: '短期出張者の査証手続きの簡素化',
    body: '本社からの短期出張者の査証取得に時間がかかり、緊急の技術支援ができません。',
    outcome: '招へい状の発行手続きの迅速化。',
    tags: ['査証'],
    answer: {
      text: 'The Exit-Entry Administration will issue invitation letters within five working days for member companies.',
      department: 'Tianjin Exit-Entry Administration',
      timeFrame: 'From next month',
    },
  },
  {
    key: 'env-tax',
    by: 'fuji',
    lang: 'zh',
    category: 'business_environment',
    visibility: 'anonymous',
    state: 'declined',
    daysAgo: 42,
    title: '出口退税到账时间较长',
    body: '出口退税平均需要两个月才能到账，影响现金流。',
    outcome: '缩短退税时间。',
    tags: ['税务'],
    reason: '现行退税平均时间已缩短至7个工作日，请通过电子税务局查询具体进度。',
  },
  {
    key: 'env-labour',
    by: 'midori',
    lang: 'zh',
    category: 'business_environment',
    visibility: 'confidential',
    state: 'submitted',
    daysAgo: 4,
    title: '护理员加班时间核定标准',
    body: '护理行业实行轮班制，希望明确综合计算工时制的审批标准。',
    outcome: '公布审批标准。',
    tags: ['劳动'],
  },
  {
    key: 'env-power',
    by: 'hanami',
    lang: 'en',
    category: 'business_environment',
    visibility: 'public',
    state: 'accepted',
    daysAgo: 31,
    title: 'Advance notice of planned power cuts in the development zone',
    body: 'Planned power cuts are announced a day ahead, which is not enough to stop and restart paint lines safely.',
    outcome: 'At least seven days of notice for planned cuts.',
    tags: ['utilities'],
    answer: {
      text: 'State Grid Tianjin will publish planned outages seven days ahead on the zone portal.',
      department: 'State Grid Tianjin',
      timeFrame: 'Within 30 days',
      hold: true,
    },
  },
  {
    key: 'services-hospital',
    by: 'midori',
    lang: 'en',
    category: 'modern_services',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 2,
    title: 'Commercial insurance settlement at Tianjin hospitals for foreign residents',
    body: 'Foreign residents must pay hospitals in full and claim later; direct billing with international insurers is rare.',
    outcome: 'Direct billing at three designated hospitals.',
    tags: ['healthcare'],
  },
  {
    key: 'ecommerce-dup',
    by: 'kaze',
    lang: 'zh',
    category: 'modern_services',
    visibility: 'public',
    state: 'under_review',
    daysAgo: 10,
    title: '跨境电商退货流程复杂',
    body: '跨境电商退货需要逐票申报，希望简化。',
    outcome: '简化退货手续。',
    tags: ['跨境电商'],
  },
  // More issues people write about the same problems in other words or languages: the duplicates that
  // the similar-issue panel and search must find (tests/issues/search-quality.test.ts).
  {
    key: 'customs-zh',
    by: 'fuji',
    lang: 'zh',
    category: 'business_environment',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 9,
    title: '天津港进口零部件通关时间过长',
    body: '进口生产设备的零部件在天津新港报关、查验和放行需要十天以上，生产线只能停工等待。',
    outcome: '对急需的维修零部件设立快速通关通道。',
    tags: ['通关', '港口'],
  },
  {
    key: 'customs-ja',
    by: 'midori',
    lang: 'ja',
    category: 'business_environment',
    visibility: 'public',
    state: 'under_review',
    daysAgo: 14,
    title: '輸入貨物の通関書類の事前審査を認めてほしい',
    body: '天津港に到着する前に通関書類を審査できれば、港での滞留日数を大幅に減らせます。検査の予約もオンラインでできるようにしてほしい。',
    outcome: '到着前の事前審査とオンラインでの検査予約。',
    tags: ['通関', '輸入'],
  },
  {
    key: 'work-permit',
    by: 'fuji',
    lang: 'zh',
    category: 'business_environment',
    visibility: 'public',
    state: 'under_review',
    daysAgo: 16,
    title: '外籍员工工作许可证办理时间太长',
    body: '日本派遣员工申请外国人工作许可和居留许可需要一个多月，期间无法正式上岗。',
    outcome: '工作许可与居留许可并联办理，缩短到十个工作日。',
    tags: ['工作许可', '签证'],
  },
  {
    key: 'licence-change',
    by: 'kaze',
    lang: 'zh',
    category: 'investment',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 11,
    title: '外资企业变更营业执照需要多次跑窗口',
    body: '变更注册地址或经营范围时，需要分别到市场监管、税务和海关窗口提交相同材料。',
    outcome: '一窗受理，材料只交一次。',
    tags: ['营业执照', '一窗通办'],
  },
  {
    key: 'power-zh',
    by: 'kaze',
    lang: 'zh',
    category: 'business_environment',
    visibility: 'public',
    state: 'submitted',
    daysAgo: 7,
    title: '开发区计划停电通知太晚',
    body: '计划停电只提前一天通知，涂装生产线来不及安全停机。',
    outcome: '计划停电至少提前七天通知。',
    tags: ['停电', '电力'],
  },
  {
    key: 'draft-1',
    by: 'hanami',
    lang: 'en',
    category: 'investment',
    visibility: 'public',
    state: 'draft',
    daysAgo: 1,
    title: 'Green electricity certificates for foreign manufacturers',
    body: 'We want to buy green electricity certificates to meet our group carbon targets. Draft: still collecting figures.',
    outcome: 'Access to the green certificate market.',
    tags: ['energy'],
  },
  {
    key: 'draft-2',
    by: 'fuji',
    lang: 'ja',
    category: 'modern_services',
    visibility: 'anonymous',
    state: 'draft',
    daysAgo: 1,
    title: '越境EC向け保税倉庫の増設',
    body: '繁忙期に保税倉庫が不足しています。（下書き）',
    outcome: '保税倉庫の増設。',
    tags: ['倉庫'],
  },
];

const SUPPORTS: [string, string, string][] = [
  ['customs', 'sakura', 'Our parts wait just as long.'],
  ['customs', 'fuji', ''],
  ['social-insurance', 'kaze', '弊社も同じ問題があります。'],
  ['social-insurance', 'sakura', ''],
  ['social-insurance', 'midori', ''],
  ['ecommerce-returns', 'kaze', ''],
  ['ip-trademark', 'hanami', 'We had the same with a former dealer.'],
  ['ip-trademark', 'fuji', ''],
  ['invest-land', 'sakura', ''],
  ['env-data', 'hanami', ''],
  ['env-data', 'kaze', ''],
  ['env-data', 'fuji', ''],
  ['env-visa', 'hanami', ''],
  ['env-visa', 'sakura', ''],
  ['env-power', 'sakura', ''],
  ['invest-matching', 'midori', ''],
  ['elderly-staff', 'fuji', ''],
];

/** The demo issues; returns their ids by key and the accepted ones, oldest first. */
export async function seedIssues(tx: Tx, ids: IdentityIds): Promise<{ made: Record<string, string>; accepted: string[] }> {
  // Services open their own transactions; inside the seed's they become savepoints.
  const db = tx as unknown as Db;
  const official = demoPrincipal(ids, 'official1');
  const official2 = demoPrincipal(ids, 'official2');
  const made: Record<string, string> = {};
  for (const d of DEMO_ISSUES) {
    const author = demoPrincipal(ids, d.by);
    const issue = await createIssue(
      db,
      author,
      { title: d.title, body: d.body, category: d.category, tags: d.tags, desiredOutcome: d.outcome, language: d.lang, visibility: d.visibility },
      d.state !== 'draft',
    );
    made[d.key] = issue.id;
    if (['under_review', 'accepted', 'declined'].includes(d.state)) await runCommand(db, official, issue.id, 'start_review');
    if (d.state === 'accepted') await runCommand(db, official, issue.id, 'accept', undefined, d.answer);
    if (d.state === 'declined') await runCommand(db, official2, issue.id, 'decline', d.reason);
    if (d.state === 'withdrawn') await runCommand(db, author, issue.id, 'withdraw', d.reason);
    if (d.state === 'merged') await merge(db, official, issue.id, made[d.mergeInto!]!, 'Same problem at the same port');
    // Spread the demo over the past weeks so sorting and "oldest waiting" mean something.
    await tx.execute(sql`
      update issues set created_at = now() - make_interval(days => ${d.daysAgo}),
        submitted_at = case when submitted_at is null then null else now() - make_interval(days => ${d.daysAgo}) end,
        state_changed_at = now() - make_interval(days => ${d.daysAgo})
      where id = ${issue.id}`);
  }
  for (const [key, by, comment] of SUPPORTS) await support(db, demoPrincipal(ids, by), made[key]!, comment);
  // Space each issue's history out a day apart from its creation, and date its state from its last transition.
  await tx.execute(sql`
    update issue_history h set created_at = least(now(), i.created_at + (x.rn - 1) * interval '1 day')
    from (select id, row_number() over (partition by issue_id order by created_at, id) as rn from issue_history) x, issues i
    where x.id = h.id and i.id = h.issue_id`);
  await tx.execute(sql`
    update issues i set state_changed_at = t.at
    from (select issue_id, max(created_at) as at from issue_history where kind = 'transition' group by issue_id) t
    where t.issue_id = i.id`);
  const accepted = DEMO_ISSUES.filter((d) => d.state === 'accepted')
    .sort((a, b) => b.daysAgo - a.daysAgo)
    .map((d) => made[d.key]!);
  return { made, accepted };
}
