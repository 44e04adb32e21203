// Texts the server writes itself (CSV headers and labels, calendar descriptions) in en, ja and zh, and
// how a request's language is chosen. Value labels (issue states, categories, ...) use the web client's
// keys and words (tests/i18n-server.test.ts checks they match web/src/i18n/*.json), so both say the same.
import { LANGUAGES, type Language } from './principal.js';

const TEXTS = {
  en: {
    'csv.issues.id': 'ID',
    'csv.issues.title': 'Title',
    'csv.issues.category': 'Category',
    'csv.issues.state': 'State',
    'csv.issues.visibility': 'Visibility',
    'csv.issues.language': 'Language',
    'csv.issues.company': 'Company',
    'csv.issues.supports': 'Supports',
    'csv.issues.tags': 'Tags',
    'csv.issues.submittedAt': 'Submitted at (UTC)',
    'csv.issues.stateChangedAt': 'State changed at (UTC)',
    'csv.issues.mergedInto': 'Merged into',
    'csv.registrants.name': 'Name',
    'csv.registrants.email': 'E-mail',
    'csv.registrants.organization': 'Organization',
    'csv.registrants.status': 'Status',
    'csv.registrants.registeredAt': 'Registered at (UTC)',
    'ics.calendarName': 'Roundtable',
    'ics.personalCalendar': 'Roundtable: {name}',
    'ics.when': 'When: {time}',
    'ics.zone': 'Time zone: {zone}',
    'ics.online': 'Online: {url}',
    'ics.venue': 'Venue: {venue}',
    'ics.host': 'Host: {host}',
    'category.business_environment': 'Business environment (licensing, customs, tax, labour, data)',
    'category.intellectual_property': 'Intellectual property',
    'category.investment': 'Investment and company interaction',
    'category.modern_services': 'Modern services (elderly care, cross-border e-commerce)',
    'issueState.accepted': 'Accepted',
    'issueState.action_pending': 'Action pending',
    'issueState.declined': 'Declined',
    'issueState.discussed': 'Discussed',
    'issueState.draft': 'Draft',
    'issueState.merged': 'Merged',
    'issueState.resolved': 'Resolved',
    'issueState.scheduled': 'On an agenda',
    'issueState.submitted': 'Submitted',
    'issueState.under_review': 'Under review',
    'issueState.withdrawn': 'Withdrawn',
    'language.en': 'English',
    'language.ja': 'Japanese',
    'language.zh': 'Chinese',
    'rt.registration.cancelled': 'Cancelled',
    'rt.registration.confirmed': 'Registered',
    'rt.registration.pending': 'Awaiting approval',
    'rt.registration.rejected': 'Declined',
    'rt.registration.waitlisted': 'On the waitlist',
    'visibility.anonymous': 'Anonymous',
    'visibility.confidential': 'Confidential',
    'visibility.public': 'Public',
  },
  ja: {
    'csv.issues.id': 'ID',
    'csv.issues.title': 'タイトル',
    'csv.issues.category': '分野',
    'csv.issues.state': '状態',
    'csv.issues.visibility': '公開範囲',
    'csv.issues.language': '言語',
    'csv.issues.company': '企業',
    'csv.issues.supports': '支持数',
    'csv.issues.tags': 'タグ',
    'csv.issues.submittedAt': '提出日時（UTC）',
    'csv.issues.stateChangedAt': '状態変更日時（UTC）',
    'csv.issues.mergedInto': '統合先',
    'csv.registrants.name': '氏名',
    'csv.registrants.email': 'メールアドレス',
    'csv.registrants.organization': '所属組織',
    'csv.registrants.status': '状態',
    'csv.registrants.registeredAt': '登録日時（UTC）',
    'ics.calendarName': 'Roundtable（円卓会議）',
    'ics.personalCalendar': 'Roundtable：{name}',
    'ics.when': '日時：{time}',
    'ics.zone': 'タイムゾーン：{zone}',
    'ics.online': 'オンライン：{url}',
    'ics.venue': '会場：{venue}',
    'ics.host': '主催：{host}',
    'category.business_environment': 'ビジネス環境（許認可、通関、税、労務、データ）',
    'category.intellectual_property': '知的財産権',
    'category.investment': '企業間交流・投資',
    'category.modern_services': '現代サービス業（介護、越境ECなど）',
    'issueState.accepted': '受理',
    'issueState.action_pending': '対応待ち',
    'issueState.declined': '不受理',
    'issueState.discussed': '討議済み',
    'issueState.draft': '下書き',
    'issueState.merged': '統合済み',
    'issueState.resolved': '解決済み',
    'issueState.scheduled': '議題に設定',
    'issueState.submitted': '提出済み',
    'issueState.under_review': '審査中',
    'issueState.withdrawn': '取り下げ',
    'language.en': '英語',
    'language.ja': '日本語',
    'language.zh': '中国語',
    'rt.registration.cancelled': '取消済み',
    'rt.registration.confirmed': '登録済み',
    'rt.registration.pending': '承認待ち',
    'rt.registration.rejected': '不承認',
    'rt.registration.waitlisted': 'キャンセル待ち',
    'visibility.anonymous': '匿名',
    'visibility.confidential': '非公開',
    'visibility.public': '公開',
  },
  zh: {
    'csv.issues.id': '编号',
    'csv.issues.title': '标题',
    'csv.issues.category': '类别',
    'csv.issues.state': '状态',
    'csv.issues.visibility': '可见范围',
    'csv.issues.language': '语言',
    'csv.issues.company': '企业',
    'csv.issues.supports': '支持数',
    'csv.issues.tags': '标签',
    'csv.issues.submittedAt': '提交时间（UTC）',
    'csv.issues.stateChangedAt': '状态变更时间（UTC）',
    'csv.issues.mergedInto': '合并至',
    'csv.registrants.name': '姓名',
    'csv.registrants.email': '电子邮件',
    'csv.registrants.organization': '所属机构',
    'csv.registrants.status': '状态',
    'csv.registrants.registeredAt': '报名时间（UTC）',
    'ics.calendarName': 'Roundtable（圆桌会议）',
    'ics.personalCalendar': 'Roundtable：{name}',
    'ics.when': '时间：{time}',
    'ics.zone': '时区：{zone}',
    'ics.online': '线上：{url}',
    'ics.venue': '会场：{venue}',
    'ics.host': '主办：{host}',
    'category.business_environment': '营商环境（许可、海关、税务、劳动、数据）',
    'category.intellectual_property': '知识产权',
    'category.investment': '企业交流与投资',
    'category.modern_services': '现代服务业（养老、跨境电商等）',
    'issueState.accepted': '已受理',
    'issueState.action_pending': '等待落实',
    'issueState.declined': '不予受理',
    'issueState.discussed': '已讨论',
    'issueState.draft': '草稿',
    'issueState.merged': '已合并',
    'issueState.resolved': '已解决',
    'issueState.scheduled': '已列入议程',
    'issueState.submitted': '已提交',
    'issueState.under_review': '审核中',
    'issueState.withdrawn': '已撤回',
    'language.en': '英语',
    'language.ja': '日语',
    'language.zh': '中文',
    'rt.registration.cancelled': '已取消',
    'rt.registration.confirmed': '已报名',
    'rt.registration.pending': '待批准',
    'rt.registration.rejected': '未获批准',
    'rt.registration.waitlisted': '候补中',
    'visibility.anonymous': '匿名',
    'visibility.confidential': '保密',
    'visibility.public': '公开',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type TextKey = keyof (typeof TEXTS)['en'];
export const SERVER_TEXTS: Record<Language, Record<TextKey, string>> = TEXTS;

/** The text for `key` in `lang`, with {placeholders} filled in. */
export function text(lang: Language, key: TextKey, params: Record<string, string | number> = {}): string {
  return SERVER_TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A value's label (`issueState.accepted`, `category.investment`, ...) in `lang`; the raw value if none. */
export function label(lang: Language, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in SERVER_TEXTS[lang] ? SERVER_TEXTS[lang][key as TextKey] : value;
}

/** An organization's name in `lang`, falling back to English (then any name it has). */
export function nameIn(names: { nameEn: string; nameJa: string; nameZh: string }, lang: Language): string {
  return { en: names.nameEn, ja: names.nameJa, zh: names.nameZh }[lang] || names.nameEn || names.nameJa || names.nameZh;
}

const isLanguage = (s: string | undefined | null): s is Language => !!s && (LANGUAGES as readonly string[]).includes(s);

/** The best of en/ja/zh for an Accept-Language header ("zh-CN,zh;q=0.9,en;q=0.8"), or null when none fits. */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLanguage) ?? null;
}

/** The language of a server-rendered text: an explicit `?lang=`, else the Accept-Language header, else the
 * signed-in user's language, else English. */
export function chooseLanguage(opts: { query?: string | undefined; acceptLanguage?: string | undefined; user?: { language: Language } | null }): Language {
  if (isLanguage(opts.query)) return opts.query;
  return fromAcceptLanguage(opts.acceptLanguage) ?? opts.user?.language ?? 'en';
}

/** Just the three names of an organization (no id or other fields), or null. */
export function namesOf(n: { nameEn: string; nameJa: string; nameZh: string } | undefined | null) {
  return n ? { nameEn: n.nameEn, nameJa: n.nameJa, nameZh: n.nameZh } : null;
}
