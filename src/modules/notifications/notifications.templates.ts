// E-mail templates in the recipient's language (en, ja, zh): a subject, a plain-text and an HTML part.
// Times are written the one way (lib/time-format.ts, as pages and calendar descriptions write them): the
// venue's time labelled with its city first, then the recipient's when their zone differs, the IANA zone
// as a detail line. Notice mail carries a one-click unsubscribe link for its category; account mail
// (invitations, resets) does not.
import { text as serverText } from '../../lib/i18n.js';
import type { Language } from '../../lib/principal.js';
import { formatDateIn, formatInstantIn, formatMoment, formatSpan, venueCityIn, zoneName } from '../../lib/time-format.js';

type Params = Record<string, unknown>;
type Lang = Language;

const STRINGS: Record<string, Record<Lang, string>> = {
  'issue.transition': { en: 'Issue "{title}" is now {state}', ja: '課題「{title}」は「{state}」になりました', zh: '议题“{title}”现在为“{state}”' },
  'issue.merged_in': {
    en: 'A duplicate was merged into your issue "{title}"',
    ja: '重複する課題が貴社の課題「{title}」に統合されました',
    zh: '一个重复议题已合并到您的议题“{title}”',
  },
  duplicate: { en: 'Duplicate', ja: '重複した課題', zh: '重复议题' },
  'issue.answer': { en: 'Official answer to "{title}"', ja: '課題「{title}」への公式回答', zh: '议题“{title}”的官方答复' },
  'issue.message': { en: 'New message on "{title}"', ja: '課題「{title}」に新しいメッセージ', zh: '议题“{title}”有新消息' },
  'issue.supported': {
    en: '"{title}" gained a supporter ({count} in all)',
    ja: '課題「{title}」に賛同が加わりました（計{count}社）',
    zh: '议题“{title}”获得新的支持（共{count}家）',
  },
  'issue.support_withdrawn': {
    en: 'A supporter withdrew from "{title}" ({count} left)',
    ja: '課題「{title}」への賛同が取り下げられました（残り{count}社）',
    zh: '有公司撤回了对议题“{title}”的支持（剩余{count}家）',
  },
  'registration.status': { en: 'Your registration for "{rt}": {status}', ja: '「{rt}」への登録：{status}', zh: '您对“{rt}”的报名：{status}' },
  'registration.promoted': {
    en: 'A seat opened for you at "{rt}": {status}',
    ja: '「{rt}」に空席ができました：{status}',
    zh: '“{rt}”为您空出了席位：{status}',
  },
  'roundtable.rescheduled': { en: '"{rt}" was rescheduled', ja: '「{rt}」の日程が変更されました', zh: '“{rt}”已改期' },
  'roundtable.cancelled': { en: '"{rt}" was cancelled', ja: '「{rt}」は中止になりました', zh: '“{rt}”已取消' },
  'roundtable.live': { en: '"{rt}" has started', ja: '「{rt}」が始まりました', zh: '“{rt}”已开始' },
  'agenda.released': { en: 'Agenda release {number} of "{rt}"', ja: '「{rt}」の議事日程 第{number}版', zh: '“{rt}”议程第{number}版' },
  'action.reminder': { en: 'Action item due {due}: {description}', ja: '対応事項の期限 {due}：{description}', zh: '行动事项 {due} 到期：{description}' },
  'account.invitation': { en: 'You are invited to Roundtable', ja: 'Roundtable への招待', zh: '邀请您加入 Roundtable' },
  'account.password_reset': { en: 'Reset your Roundtable password', ja: 'Roundtable のパスワード再設定', zh: '重置您的 Roundtable 密码' },
  digest: { en: 'Your Roundtable digest: {n} notices', ja: 'Roundtable ダイジェスト：{n}件のお知らせ', zh: 'Roundtable 摘要：{n} 条通知' },
  when: { en: 'When', ja: '日時', zh: '时间' },
  previously: { en: 'Previously', ja: '変更前', zh: '原定' },
  reason: { en: 'Reason', ja: '理由', zh: '原因' },
  open: { en: 'Open in Roundtable', ja: 'Roundtable で開く', zh: '在 Roundtable 中打开' },
  unsubscribe: { en: 'Stop these e-mails (one click)', ja: 'このメールの配信を停止（ワンクリック）', zh: '退订此类邮件（一键）' },
  invitationBody: {
    en: 'You have been invited to join Roundtable as {role}. Accept the invitation (valid until {expires}):',
    ja: 'Roundtable に {role} として招待されました。招待を承諾してください（有効期限 {expires}）：',
    zh: '您受邀以{role}身份加入 Roundtable。请接受邀请（有效期至 {expires}）：',
  },
  resetBody: {
    en: 'Someone asked to reset the password of this account. The link works once, until {expires}. If it was not you, ignore this e-mail.',
    ja: 'このアカウントのパスワード再設定が依頼されました。リンクは {expires} まで一度だけ使えます。心当たりがなければ無視してください。',
    zh: '有人请求重置此账户的密码。链接仅可使用一次，有效期至 {expires}。如非本人操作，请忽略此邮件。',
  },
};

const STATES: Record<string, Record<Lang, string>> = {
  draft: { en: 'draft', ja: '下書き', zh: '草稿' },
  submitted: { en: 'submitted', ja: '提出済み', zh: '已提交' },
  under_review: { en: 'under review', ja: '審査中', zh: '审核中' },
  accepted: { en: 'accepted', ja: '受理', zh: '已受理' },
  declined: { en: 'declined', ja: '不受理', zh: '未受理' },
  merged: { en: 'merged', ja: '統合', zh: '已合并' },
  scheduled: { en: 'scheduled', ja: '議題化', zh: '已排期' },
  discussed: { en: 'discussed', ja: '討議済み', zh: '已讨论' },
  action_pending: { en: 'action pending', ja: '対応中', zh: '待落实' },
  resolved: { en: 'resolved', ja: '解決', zh: '已解决' },
  withdrawn: { en: 'withdrawn', ja: '取り下げ', zh: '已撤回' },
  pending: { en: 'awaiting approval', ja: '承認待ち', zh: '待审批' },
  confirmed: { en: 'confirmed', ja: '確定', zh: '已确认' },
  waitlisted: { en: 'on the waitlist', ja: 'キャンセル待ち', zh: '候补' },
  rejected: { en: 'declined', ja: '不承認', zh: '未通过' },
  cancelled: { en: 'cancelled', ja: '取消', zh: '已取消' },
};
const ROLES: Record<string, Record<Lang, string>> = {
  organizer: { en: 'organizer', ja: '主催者', zh: '主办方' },
  official: { en: 'official', ja: '政府担当者', zh: '政府官员' },
  company_rep: { en: 'company representative', ja: '企業代表', zh: '企业代表' },
  attendee: { en: 'attendee', ja: '参加者', zh: '参会者' },
};

const fill = (text: string, vars: Record<string, unknown>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  });
const say = (key: string, lang: Lang, vars: Record<string, unknown> = {}) => fill(STRINGS[key]![lang], vars);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** "Label: value", with the colon each language writes (full-width in Japanese and Chinese). */
const labelled = (key: string, lang: Lang, value: string) => `${say(key, lang)}${lang === 'en' ? ': ' : '：'}${value}`;

/** A round-table's time in the one format: its span (or moment) at the venue, labelled with the city, then the reader's. */
function roundTableTime(p: Params, start: string, end: string, ctx: RenderContext): string {
  const opts = { lang: ctx.language, venue: { zone: str(p.timeZone) || ctx.timeZone, city: venueCityIn(p, ctx.language) }, viewer: { zone: ctx.timeZone } };
  return end ? formatSpan(start, end, opts) : formatMoment(start, opts);
}

/** The "When:" line (and "Previously:" for a new time) and the venue's IANA zone as a detail, as calendar descriptions give it. */
function whenLines(p: Params, ctx: RenderContext, previous = false): string[] {
  const lang = ctx.language;
  const lines = [labelled('when', lang, roundTableTime(p, str(p.startsAt), str(p.endsAt), ctx))];
  if (previous && str(p.previousStartsAt)) lines.push(labelled('previously', lang, roundTableTime(p, str(p.previousStartsAt), str(p.previousEndsAt), ctx)));
  lines.push(serverText(lang, 'ics.zone', { zone: str(p.timeZone) || ctx.timeZone }));
  return lines;
}

/** An instant in the recipient's own zone, named (an expiry): "5 Dec 2026, 14:00 Eastern Time". */
const ownTime = (iso: string, ctx: RenderContext) =>
  `${formatInstantIn(iso, ctx.timeZone, ctx.language)} ${zoneName(ctx.timeZone, ctx.language, new Date(iso))}`;

/** An issue's title (or an action item's description) in `lang`: its current translation when the notice carries
 * one (`titles`, `descriptions`: issues.notify, outcomes' reminders), else the original. */
function inLanguage(p: Params, field: 'title' | 'description', lang: Lang): unknown {
  const translated = (p[`${field}s`] ?? {}) as Record<string, string>;
  return translated[lang] || p[field];
}
const issueTitle = (p: Params, lang: Lang) => inLanguage(p, 'title', lang);

function roundTableTitle(p: Params, lang: Lang): string {
  const title = (p.title ?? {}) as Record<string, string>;
  return title[lang] || title.en || '';
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}
export interface RenderContext {
  language: Lang;
  timeZone: string;
  publicUrl: string;
  /** Absent for account mail. */
  unsubscribeUrl?: string | undefined;
}

/** The subject line and body lines of one notice (a digest puts several together). */
function lines(kind: string, p: Params, ctx: RenderContext): { subject: string; body: string[]; link: string | null } {
  const lang = ctx.language;
  const rt = roundTableTitle(p, lang);
  const body: string[] = [];
  let subject: string;
  let link: string | null = typeof p.roundTableId === 'string' ? `${ctx.publicUrl}/#/round-tables/${p.roundTableId}` : null;
  if (typeof p.issueId === 'string') link = `${ctx.publicUrl}/#/issues/${p.issueId}`;
  switch (kind) {
    case 'issue.transition':
      subject = say(kind, lang, { title: issueTitle(p, lang), state: STATES[str(p.toState) || str(p.state)]?.[lang] ?? str(p.state) });
      if (str(p.reason)) body.push(labelled('reason', lang, str(p.reason)));
      break;
    case 'issue.merged_in':
      subject = say(kind, lang, { title: p.title });
      if (str(p.duplicateTitle)) body.push(labelled('duplicate', lang, str(p.duplicateTitle)));
      if (str(p.reason)) body.push(labelled('reason', lang, str(p.reason)));
      break;
    case 'issue.answer': {
      subject = say(kind, lang, { title: issueTitle(p, lang) });
      const answer = (p.answer ?? {}) as Record<string, unknown>;
      if (str(answer.text)) body.push(str(answer.text), `(${str(answer.department)} · ${str(answer.timeFrame)})`);
      break;
    }
    case 'issue.message':
      subject = say(kind, lang, { title: issueTitle(p, lang) });
      if (str(p.body)) body.push(str(p.body));
      break;
    case 'issue.supported':
    case 'issue.support_withdrawn':
      subject = say(kind, lang, { title: issueTitle(p, lang), count: p.supportCount ?? 0 });
      break;
    case 'registration.status':
      subject = say(p.promoted ? 'registration.promoted' : kind, lang, { rt, status: STATES[str(p.status)]?.[lang] ?? str(p.status) });
      if (str(p.startsAt)) body.push(...whenLines(p, ctx));
      break;
    case 'roundtable.rescheduled':
      subject = say(kind, lang, { rt });
      body.push(...whenLines(p, ctx, true));
      if (str(p.reason)) body.push(labelled('reason', lang, str(p.reason)));
      break;
    case 'roundtable.cancelled':
      subject = say(kind, lang, { rt });
      if (str(p.startsAt)) body.push(...whenLines(p, ctx));
      if (str(p.reason)) body.push(labelled('reason', lang, str(p.reason)));
      break;
    case 'roundtable.live':
      subject = say(kind, lang, { rt });
      if (str(p.startsAt)) body.push(...whenLines(p, ctx));
      if (typeof p.roundTableId === 'string') link = `${ctx.publicUrl}/#/live/${p.roundTableId}`;
      break;
    case 'agenda.released':
      subject = say(kind, lang, { rt, number: p.number });
      if (str(p.startsAt)) body.push(...whenLines(p, ctx));
      break;
    case 'action.reminder':
      subject = say(kind, lang, { due: str(p.dueDate) ? formatDateIn(str(p.dueDate), lang) : '', description: inLanguage(p, 'description', lang) });
      break;
    case 'account.invitation':
      subject = say(kind, lang);
      body.push(say('invitationBody', lang, { role: ROLES[str(p.role)]?.[lang] ?? str(p.role), expires: ownTime(str(p.expiresAt), ctx) }));
      link = str(p.url);
      break;
    case 'account.password_reset':
      subject = say(kind, lang);
      body.push(say('resetBody', lang, { expires: ownTime(str(p.expiresAt), ctx) }));
      link = str(p.url);
      break;
    default:
      subject = kind;
  }
  return { subject, body, link };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function assemble(subject: string, blocks: { subject: string; body: string[]; link: string | null }[], ctx: RenderContext, showHeadings: boolean): Rendered {
  const lang = ctx.language;
  const text: string[] = [];
  const html: string[] = [`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body>`];
  for (const b of blocks) {
    if (showHeadings) {
      text.push(`* ${b.subject}`);
      html.push(`<h3>${escape(b.subject)}</h3>`);
    }
    text.push(...b.body);
    for (const line of b.body) html.push(`<p>${escape(line)}</p>`);
    if (b.link) {
      text.push(labelled('open', lang, b.link));
      html.push(`<p><a href="${escape(b.link)}">${escape(say('open', lang))}</a></p>`);
    }
    text.push('');
  }
  if (ctx.unsubscribeUrl) {
    text.push('--', labelled('unsubscribe', lang, ctx.unsubscribeUrl));
    html.push(`<hr><p><a href="${escape(ctx.unsubscribeUrl)}">${escape(say('unsubscribe', lang))}</a></p>`);
  }
  html.push('</body></html>');
  return { subject, text: text.join('\n'), html: html.join('\n') };
}

export function render(kind: string, params: Params, ctx: RenderContext): Rendered {
  const block = lines(kind, params, ctx);
  return assemble(block.subject, [block], ctx, true);
}

/** Several notices of one category in one e-mail. */
export function renderDigest(items: { kind: string; params: Params }[], ctx: RenderContext): Rendered {
  const blocks = items.map((i) => lines(i.kind, i.params, ctx));
  return assemble(say('digest', ctx.language, { n: items.length }), blocks, ctx, true);
}

const page = (lang: Lang, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Roundtable</title></head><body>${body}</body></html>`;

/**
 * What the unsubscribe link opens: a question and one button. A GET changes nothing (link scanners
 * and previews follow links); the button POSTs, as RFC 8058 mail clients do.
 */
export function unsubscribeConfirmPage(lang: Lang, category: string, token: string): string {
  const ask: Record<Lang, string> = {
    en: 'Stop e-mails for “{c}”? The notices stay in your Roundtable feed.',
    ja: '「{c}」のメールを停止しますか？お知らせは Roundtable のフィードに引き続き表示されます。',
    zh: '停止“{c}”类邮件吗？通知仍会显示在 Roundtable 动态中。',
  };
  const button: Record<Lang, string> = { en: 'Stop these e-mails', ja: 'メールを停止する', zh: '停止这些邮件' };
  const c = CATEGORY_NAMES[category]?.[lang] ?? category;
  return page(
    lang,
    `<p>${escape(fill(ask[lang], { c }))}</p><form method="post" action="?token=${encodeURIComponent(token)}">` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escape(button[lang])}</button></form>`,
  );
}

/** The page after unsubscribing. */
export function unsubscribedPage(lang: Lang, category: string): string {
  const done: Record<Lang, string> = {
    en: 'You will no longer receive e-mails for “{c}”. The notices stay in your Roundtable feed; change this any time in your profile.',
    ja: '「{c}」のメールは今後送信されません。お知らせは Roundtable のフィードに引き続き表示されます。設定はプロフィールでいつでも変更できます。',
    zh: '您将不再收到“{c}”类邮件。通知仍会显示在 Roundtable 动态中，可随时在个人资料中更改。',
  };
  const names = CATEGORY_NAMES[category]?.[lang] ?? category;
  return page(lang, `<p data-unsubscribed>${escape(fill(done[lang], { c: names }))}</p>`);
}

export const CATEGORY_NAMES: Record<string, Record<Lang, string>> = {
  my_issues: { en: 'My issues', ja: '自社の課題', zh: '我的议题' },
  supported_issues: { en: 'Issues I support', ja: '賛同した課題', zh: '我支持的议题' },
  my_roundtables: { en: 'My round-tables', ja: '参加する円卓会議', zh: '我的圆桌会议' },
  reminders: { en: 'Reminders', ja: 'リマインダー', zh: '提醒' },
  live_start: { en: 'Live start', ja: 'ライブ開始', zh: '直播开始' },
};
