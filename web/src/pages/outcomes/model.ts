// Outcome types as the server defines them (outcomes.schemas.ts; type-only, nothing of it is bundled)
// and the small formatting rules every outcomes page shares.
import type { Static } from 'typebox';
import type * as S from '../../../../src/modules/outcomes/outcomes.schemas.js';
import { type MessageKey, t, tn } from '../../i18n/index.js';

/** What JSON carries: instants arrive as ISO strings. */
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type W<T extends import('typebox').TSchema> = Wire<Static<T>>;

export type Minutes = W<typeof S.Minutes>;
export type MinutesVersion = W<typeof S.MinutesVersion>;
export type MinutesDiff = W<typeof S.MinutesDiff>;
export type MinutesComment = W<typeof S.MinutesComment>;
export type Decision = W<typeof S.Decision>;
export type Action = W<typeof S.Action>;
export type ActionStatus = Action['status'];
export type DecisionKind = Decision['kind'];
export type IssueRef = W<typeof S.IssueRef>;
export type SlotOutcomes = W<typeof S.SlotOutcomes>;
export type RoundTableOutcomes = W<typeof S.RoundTableOutcomes>;
export type IssueChain = W<typeof S.IssueChain>;
export type ChainStep = W<typeof S.ChainStep>;
export type Board = W<typeof S.Board>;
export type StatusCounts = W<typeof S.StatusCounts>;
export type PersonRef = W<typeof S.PersonRef>;

export const DECISION_KINDS: DecisionKind[] = ['commitment', 'referral', 'no_action', 'needs_more_information'];
export const ACTION_STATUSES: ActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
/** The moves the server allows (actions.service ACTION_TRANSITIONS); the server still decides. */
export const NEXT_STATUS: Record<ActionStatus, ActionStatus[]> = { open: ['in_progress', 'dropped'], in_progress: ['done', 'dropped'], done: [], dropped: [] };

export const kindLabel = (k: string) => t(`outcomes.kind.${k}` as MessageKey);
export const actionStatusLabel = (s: string) => t(`outcomes.status.${s}` as MessageKey);
export const minutesStatusLabel = (s: string) => t(`outcomes.minutes.${s}` as MessageKey);

export { formatDate } from '../../time.js';

/** "12 days left", "due today", "3 days overdue". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return t('outcomes.dueToday');
  return daysLeft > 0 ? tn('outcomes.daysLeft', daysLeft) : tn('outcomes.daysOverdue', -daysLeft);
}

/** A person as the server names them: the name where visibility allows, the role always. */
export function personText(p: PersonRef | null | undefined): string {
  if (!p) return '';
  const role = p.role === 'system' ? t('outcomes.system') : t(`role.${p.role}` as MessageKey);
  return p.displayName ? `${p.displayName} (${role})` : role;
}
