// Payload schemas of the events the domain modules append (issues, feed, round-tables, agendas,
// registrations). Loaded with the event log, so every append is checked whichever module writes it.
// The required fields are what clients rely on; extra fields are allowed where a module adds
// per-change details (an answer, a reason), which its own tests pin down. Enumerated fields take
// their values from the database enums, so an event can never carry a state the data cannot have.
import { Type, type TSchema } from 'typebox';
import { issueCategory, issueState, issueVisibility, organizationKind, registrationStatus, roundTableStatus } from '../db/schema/index.js';
import { ROLES } from '../lib/principal.js';
import { defineEventTypes } from './event-types.js';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
/** One of a database enum's values. */
const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
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
