// The one catalog of event payload schemas: every event the modules append (issues, feed, round-tables,
// agendas, registrations, the platform, the live session, outcomes, access). Loaded with the event
// log, so every append is checked whichever module writes it; no other file declares event types.
// The required fields are what clients rely on; extra fields are allowed where a module adds
// per-change details (an answer, a reason), which its own tests pin down. Enumerated fields take
// their values from the database enums, so an event can never carry a state the data cannot have.
import { Type, type Static, type TSchema } from 'typebox';
import {
  agendaItemKind,
  issueCategory,
  issueState,
  issueVisibility,
  liveHands,
  livePolls,
  organizationKind,
  registrationStatus,
  roundTableStatus,
} from '../db/schema/index.js';
import { ROLES } from '../lib/principal.js';
import { literals } from '../lib/schemas.js';
import { defineEventTypes } from './event-types.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
/** One of a database enum's values. */
const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const open = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: true });

/** What every issue event carries (the projection for its stream decides companyId). */
const IssueEvent = open({
  issueId: Uuid,
  title: Type.String(),
  state: oneOf(issueState.enumValues),
  category: oneOf(issueCategory.enumValues),
  visibility: oneOf(issueVisibility.enumValues),
  companyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
});

defineEventTypes({
  'issue.drafted': IssueEvent,
  'issue.edited': IssueEvent,
  'issue.answer': IssueEvent,
  'issue.message': IssueEvent,
  'issue.transition': IssueEvent,
  'issue.attachments': IssueEvent,
  'issue.supported': IssueEvent,
  'issue.support_withdrawn': IssueEvent,
  'issue.hidden': Type.Object({ issueId: Uuid }, { additionalProperties: false }),
  'feed.item': Type.Object(
    {
      id: Uuid,
      type: Type.String(),
      issueId: Type.Union([Uuid, Type.Null()]),
      data: Type.Unknown(),
      link: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      createdAt: Instant,
    },
    { additionalProperties: false },
  ),
});

const RoundTableSummary = open({ id: Uuid, status: oneOf(roundTableStatus.enumValues) });
const RoundTableEvent = open({ roundTable: RoundTableSummary });

defineEventTypes({
  'roundtable.created': RoundTableEvent,
  'roundtable.updated': RoundTableEvent,
  'roundtable.published': RoundTableEvent,
  'roundtable.rescheduled': RoundTableEvent,
  'roundtable.cancelled': RoundTableEvent,
  'roundtable.live': RoundTableEvent,
  'roundtable.concluded': RoundTableEvent,
  'agenda.draft.updated': open({ version: Type.Integer(), items: Type.Array(Type.Unknown()) }),
  'agenda.released': open({ roundTableId: Uuid, number: Type.Integer({ minimum: 1 }) }),
  'registration.changed': open({ roundTableId: Uuid }),
  'registration.status': open({ roundTableId: Uuid, registrationId: Uuid, status: oneOf(registrationStatus.enumValues) }),
});

// The platform stream (organizers): who onboarded or renamed an organization, changed someone's role,
// deactivated or reactivated an account, invited someone or took an invitation back.
const OrganizationRef = Type.Object(
  { id: Uuid, kind: oneOf(organizationKind.enumValues), nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() },
  { additionalProperties: false },
);
const PersonRef = Type.Object({ id: Uuid, displayName: Type.String() }, { additionalProperties: false });
const Invitation = Type.Object({ id: Uuid, email: Type.String(), role: oneOf(ROLES) }, { additionalProperties: false });

defineEventTypes({
  'organization.created': Type.Object({ organization: OrganizationRef }, { additionalProperties: false }),
  'organization.updated': Type.Object({ organization: OrganizationRef }, { additionalProperties: false }),
  'account.role_changed': Type.Object(
    { user: PersonRef, role: oneOf(ROLES), organizationId: Type.Union([Uuid, Type.Null()]) },
    { additionalProperties: false },
  ),
  'account.deactivated': Type.Object({ user: PersonRef }, { additionalProperties: false }),
  'account.reactivated': Type.Object({ user: PersonRef }, { additionalProperties: false }),
  'invitation.sent': Type.Object({ invitation: Invitation, replaced: Type.Boolean() }, { additionalProperties: false }),
  'invitation.resent': Type.Object({ invitation: Invitation }, { additionalProperties: false }),
  'invitation.revoked': Type.Object({ invitation: Invitation }, { additionalProperties: false }),
});

// The live session's state, as every follower sees it (GET .../live answers it too).
export const Timer = Type.Object(
  {
    itemId: Type.String(),
    durationMs: Type.Integer({ minimum: 0 }),
    elapsedMs: Type.Integer({ minimum: 0 }),
    runningSince: Nullable(Instant),
  },
  { additionalProperties: false, description: 'remaining = durationMs - elapsedMs - (runningSince ? now - runningSince : 0)' },
);
export const Hand = Type.Object(
  { id: Uuid, userId: Uuid, name: Type.String(), status: literals(liveHands.status.enumValues), raisedAt: Instant, floorAt: Nullable(Instant) },
  { additionalProperties: false },
);
export const Poll = Type.Object(
  {
    id: Uuid,
    question: Type.String(),
    options: Type.Array(Type.String()),
    status: literals(livePolls.status.enumValues),
    tally: Type.Array(Type.Integer({ minimum: 0 })),
    votes: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const Announcement = Type.Object({ id: Uuid, text: Type.String(), at: Instant }, { additionalProperties: false });
export const Slot = Type.Object(
  {
    id: Type.String(),
    kind: literals(agendaItemKind.enumValues),
    titleEn: Type.String(),
    titleJa: Type.String(),
    titleZh: Type.String(),
    presenter: Type.String(),
    plannedMinutes: Type.Integer(),
  },
  { additionalProperties: false },
);

export const LiveState = Type.Object(
  {
    roundTableId: Uuid,
    status: literals(roundTableStatus.enumValues),
    serverNow: Instant,
    slots: Type.Array(Slot),
    currentItemId: Nullable(Type.String()),
    timer: Nullable(Timer),
    hands: Type.Array(Hand),
    poll: Nullable(Poll),
    announcements: Type.Array(Announcement),
    startedAt: Nullable(Instant),
    endedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export type LiveState = Static<typeof LiveState>;

// Live session events on roundtable:<id> (the round-table's audience): each carries the part of the state it changes.
defineEventTypes({
  'live.started': Type.Object({ state: LiveState }, { additionalProperties: false }),
  'live.slot': Type.Object({ currentItemId: Nullable(Type.String()), timer: Nullable(Timer) }, { additionalProperties: false }),
  'live.timer': Type.Object({ timer: Nullable(Timer) }, { additionalProperties: false }),
  'live.hands': Type.Object({ hands: Type.Array(Hand) }, { additionalProperties: false }),
  'live.announcement': Type.Object({ announcement: Announcement }, { additionalProperties: false }),
  'live.poll': Type.Object({ poll: Poll }, { additionalProperties: false }),
  'live.ended': Type.Object({ endedAt: Instant, discussedIssueIds: Type.Array(Uuid) }, { additionalProperties: false }),
});

// Outcomes: appended to `public` (when everyone may see it), `roundtable:<id>` (likewise) and
// `roundtable:<id>:staff` (always). Ids only: clients re-read the board/outcomes, projected for them.
defineEventTypes({
  'outcomes.changed': Type.Object(
    {
      roundTableId: Uuid,
      what: oneOf(['minutes', 'decision', 'action', 'progress']),
      slotId: Nullable(Uuid),
      decisionId: Nullable(Uuid),
      actionId: Nullable(Uuid),
    },
    { additionalProperties: false },
  ),
});

// Events the foundation writes to `user:<id>`: the live layer closes that user's sockets on them.
defineEventTypes({
  'session.revoked': Type.Object({ sessionId: Uuid }, { additionalProperties: false }),
  'access.revoked': Type.Object({ reason: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  'access.changed': Type.Object({ role: oneOf(ROLES) }, { additionalProperties: false }),
});
