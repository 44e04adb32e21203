// The one state machine of an issue. Every path that changes an issue's state (the HTTP routes,
// the agenda contract in issues.links.ts, the demo seed) asks `decideCommand` first; the workflow applies it.
// Pure: no database, so it can be checked exhaustively and by property tests.
import { AppError } from '../../lib/errors.js';
import { issueCategory, issueState, issueVisibility } from '../../db/schema/issues.js';
import type { Principal } from '../../lib/principal.js';

// The value lists are the database enums' (src/db/schema/issues.ts): one source for both.
export const ISSUE_STATES = issueState.enumValues;
export type IssueState = (typeof ISSUE_STATES)[number];

export const VISIBILITIES = issueVisibility.enumValues;
export type Visibility = (typeof VISIBILITIES)[number];

export const CATEGORIES = issueCategory.enumValues;
export type Category = (typeof CATEGORIES)[number];

/** Who is acting, relative to the issue. `system`: a rule of another capability (all actions closed -> resolved). */
export type ActorKind = 'author' | 'official' | 'organizer' | 'other' | 'system';

export const COMMANDS = [
  'submit',
  'start_review',
  'accept',
  'decline',
  'merge',
  'unmerge',
  'schedule',
  'unschedule',
  'mark_discussed',
  'await_action',
  'resolve',
  'withdraw',
] as const;
export type IssueCommand = (typeof COMMANDS)[number];

interface Rule {
  from: readonly IssueState[];
  to: IssueState;
  by: readonly ActorKind[];
  /** The why is compulsory (declines and withdrawals are explained). */
  needsReason?: boolean;
}

/** Agenda commands come from round-table builders: officials, and the organizers who run the meetings. */
const AGENDA: readonly ActorKind[] = ['official', 'organizer'];

export const TRANSITIONS: Record<IssueCommand, Rule> = {
  submit: { from: ['draft'], to: 'submitted', by: ['author'] },
  start_review: { from: ['submitted'], to: 'under_review', by: ['official'] },
  accept: { from: ['under_review'], to: 'accepted', by: ['official'] },
  decline: { from: ['under_review'], to: 'declined', by: ['official'], needsReason: true },
  merge: { from: ['submitted', 'under_review'], to: 'merged', by: ['official'] },
  unmerge: { from: ['merged'], to: 'under_review', by: ['official'] },
  schedule: { from: ['accepted'], to: 'scheduled', by: AGENDA },
  unschedule: { from: ['scheduled'], to: 'accepted', by: AGENDA },
  mark_discussed: { from: ['scheduled'], to: 'discussed', by: AGENDA },
  await_action: { from: ['discussed'], to: 'action_pending', by: ['official'] },
  resolve: { from: ['discussed', 'action_pending'], to: 'resolved', by: ['official', 'system'] },
  withdraw: { from: ['draft', 'submitted', 'under_review'], to: 'withdrawn', by: ['author'] },
};

/** The author company may change the text until review starts. */
export const EDITABLE_STATES: readonly IssueState[] = ['draft', 'submitted'];
/** A merge target must still be open. */
export const MERGE_TARGET_STATES: readonly IssueState[] = ['submitted', 'under_review', 'accepted', 'scheduled'];
/** Open issues another company may back (from submission until it is resolved or closed). */
export const SUPPORTABLE_STATES: readonly IssueState[] = ['submitted', 'under_review', 'accepted', 'scheduled', 'discussed', 'action_pending'];
/** Anonymous issues become visible (without their company) from acceptance on. */
export const PUBLISHED_STATES: readonly IssueState[] = ['accepted', 'scheduled', 'discussed', 'action_pending', 'resolved'];

export function actorKindOf(actor: Principal | null, issue: { companyId: string }): ActorKind {
  if (!actor) return 'other';
  if (actor.role === 'official') return 'official';
  if (actor.role === 'organizer') return 'organizer';
  if (actor.role === 'company_rep' && actor.organizationId === issue.companyId) return 'author';
  return 'other';
}

export type Decision =
  { ok: true; to: IssueState } | { ok: false; status: 400 | 403 | 409; code: 'TRANSITION_FORBIDDEN' | 'TRANSITION_NOT_ALLOWED' | 'REASON_REQUIRED' };

/** Whether `actor` may run `command` on an issue in `state`. Role is checked before state. */
export function decideCommand(state: IssueState, command: IssueCommand, actor: ActorKind, reason?: string | null): Decision {
  const rule = TRANSITIONS[command];
  if (!rule.by.includes(actor)) return { ok: false, status: 403, code: 'TRANSITION_FORBIDDEN' };
  if (!rule.from.includes(state)) return { ok: false, status: 409, code: 'TRANSITION_NOT_ALLOWED' };
  if (rule.needsReason && !reason?.trim()) return { ok: false, status: 400, code: 'REASON_REQUIRED' };
  return { ok: true, to: rule.to };
}

/** `decideCommand`, throwing the stable AppError when refused. */
export function assertTransition(state: IssueState, command: IssueCommand, actor: ActorKind, reason?: string | null): IssueState {
  const d = decideCommand(state, command, actor, reason);
  if (d.ok) return d.to;
  const message =
    d.code === 'TRANSITION_FORBIDDEN'
      ? `You may not ${command.replace('_', ' ')} this issue`
      : d.code === 'REASON_REQUIRED'
        ? `Give a reason to ${command.replace('_', ' ')} this issue`
        : `Cannot ${command.replace('_', ' ')} an issue that is ${state.replace('_', ' ')}`;
  throw new AppError(d.status, d.code, message, { state, command });
}

/** Commands this actor could run now (the UI shows these as buttons). */
export function availableCommands(state: IssueState, actor: ActorKind): IssueCommand[] {
  return COMMANDS.filter((c) => {
    const rule = TRANSITIONS[c];
    return rule.by.includes(actor) && rule.from.includes(state);
  });
}

/** Visibility ranks from narrowest to widest; a transition never changes it. */
export const VISIBILITY_RANK: Record<Visibility, number> = { confidential: 0, anonymous: 1, public: 2 };
