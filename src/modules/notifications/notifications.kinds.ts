// The kinds of notices, the preference category each belongs to, and what each links to. The web
// client renders `notify.<kind>` from its dictionaries; e-mails are rendered by notifications.templates.
import type { NotificationCategory } from './notifications.categories.js';

export const NOTICE_KINDS = [
  'issue.transition',
  'issue.merged_in',
  'issue.answer',
  'issue.message',
  'issue.supported',
  'issue.support_withdrawn',
  'registration.status',
  'roundtable.rescheduled',
  'roundtable.cancelled',
  'roundtable.live',
  'agenda.released',
  'action.reminder',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Account mail (not a notice, not in the feed, always sent). */
export const ACCOUNT_MAIL_KINDS = ['account.invitation', 'account.password_reset'] as const;
export type AccountMailKind = (typeof ACCOUNT_MAIL_KINDS)[number];

/** Where the web client opens a notice (a hash route), from what the notice is about. */
export function linkOf(kind: string, issueId: string | null, data: Record<string, unknown>): string | null {
  const roundTableId = typeof data.roundTableId === 'string' ? data.roundTableId : null;
  if (kind === 'roundtable.live' && roundTableId) return `/live/${roundTableId}`;
  if (issueId) return `/issues/${issueId}`;
  if (roundTableId) return `/round-tables/${roundTableId}`;
  return null;
}

/** Default delivery per category: what matters at once is mailed at once; the rest waits for a digest or stays in-app. */
export const DEFAULT_MODES: Record<NotificationCategory, 'in_app' | 'immediate' | 'digest'> = {
  my_issues: 'immediate',
  supported_issues: 'digest',
  my_roundtables: 'immediate',
  reminders: 'immediate',
  live_start: 'in_app',
};
export const DEFAULT_DIGEST_HOUR = 8;
