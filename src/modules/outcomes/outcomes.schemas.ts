// TypeBox contract of the outcomes capability: minutes, decisions, action items, the per-issue
// chain, the accountability board, open data, and the live event payloads. The web client is
// written against this file and API.md next to it.
import { MaybeTranslation } from '../translations/translations.schemas.js';
import { Type, type Static } from 'typebox';
import { actionStatus, decisionKind, minutesStatus, reminderKind } from '../../db/schema/outcomes.js';
import { Instant, Language, literals, Nullable, Uuid } from '../../lib/schemas.js';

const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max });
/** A calendar date in the round-table's zone. */
export const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date in the round-table zone, e.g. 2027-03-15' });
const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });

// Params and queries --------------------------------------------------------------------------------
export const SlotParams = obj({ id: Uuid, slotId: Uuid });
export const VersionParams = obj({ id: Uuid, slotId: Uuid, n: Type.Integer({ minimum: 1 }) });
export const DiffQuery = obj({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) });
export const BoardQuery = obj({ roundTableId: Type.Optional(Uuid) });
export const OpenDataParams = obj({
  kind: Type.Union([Type.Literal('issues'), Type.Literal('round-tables'), Type.Literal('decisions'), Type.Literal('actions')]),
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
});

/** A person as the viewer may know them: the name only where visibility allows. */
export const PersonRef = obj({
  role: Type.String({ description: 'official | organizer | company_rep | attendee | system' }),
  displayName: Nullable(Type.String()),
});

// Minutes -------------------------------------------------------------------------------------------
export const MinutesStatus = literals(minutesStatus.enumValues);
/** `language`: what the text is written in (given with it, else the writer's), for the reader's `lang`. */
export const WrittenIn = Type.Optional(Language);
export const Addendum = obj({ id: Uuid, text: Type.String(), language: Language, createdAt: Instant, author: PersonRef });
export const Minutes = obj(
  {
    roundTableId: Uuid,
    slotId: Uuid,
    status: MinutesStatus,
    /** 0 = nothing saved yet. */
    version: Type.Integer({ minimum: 0 }),
    text: Type.String(),
    /** The language the text is written in. */
    language: Language,
    /** Its translation into the reader's language (Accept-Language, else the account's), or null. */
    translation: MaybeTranslation,
    savedAt: Nullable(Instant),
    savedBy: Nullable(PersonRef),
    commentsUntil: Nullable(Instant),
    finalizedAt: Nullable(Instant),
    addenda: Type.Array(Addendum),
    /** What the viewer may do now. */
    canEdit: Type.Boolean(),
    canComment: Type.Boolean(),
  },
  'Minutes of one agenda slot',
);
export const SaveMinutesBody = obj({
  text: Type.String({ maxLength: 100_000 }),
  /** The language the text is written in (default: the saver's). */
  language: Type.Optional(Language),
  /** The version the editor started from (0 for the first save); stale -> 409 MINUTES_VERSION_CONFLICT. */
  baseVersion: Type.Integer({ minimum: 0 }),
});
export const MinutesVersion = obj({ n: Type.Integer({ minimum: 1 }), savedAt: Instant, savedBy: PersonRef, length: Type.Integer() });
export const MinutesVersionDetail = obj({ n: Type.Integer({ minimum: 1 }), savedAt: Instant, savedBy: PersonRef, text: Type.String() });
/** A word diff: concatenating `equal`+`insert` parts gives `to`, `equal`+`delete` gives `from`. Newlines are parts too. */
export const DiffPart = obj({ op: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]), text: Type.String() });
export const MinutesDiff = obj({ from: Type.Integer(), to: Type.Integer(), parts: Type.Array(DiffPart), inserted: Type.Integer(), deleted: Type.Integer() });
export const CirculateBody = obj({ commentsUntil: Type.String({ format: 'date-time', description: 'Instant after which comments close (in the future)' }) });
export const CommentBody = obj({ text: Text(1, 5000), language: WrittenIn });
export const MinutesComment = obj({ id: Uuid, text: Type.String(), language: Language, createdAt: Instant, author: PersonRef, mine: Type.Boolean() });
export const AddendumBody = obj({ text: Text(1, 20_000), language: WrittenIn });

// Decisions and actions -----------------------------------------------------------------------------
export const DecisionKind = literals(decisionKind.enumValues);
export const DecisionBody = obj({
  text: Text(1, 10_000),
  kind: DecisionKind,
  /** Required for `referral`: the department the matter is referred to. */
  department: Type.Optional(Text(1, 200)),
  /** Required for `no_action`: why nothing will be done. */
  reason: Type.Optional(Text(1, 5000)),
  /** A non-empty subset of the slot's issues. */
  issueIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }),
  language: Language,
});
export const IssueRef = obj({
  id: Uuid,
  title: Nullable(Type.String()),
  /** The language the title is written in. */
  language: Language,
  /** The title in the reader's language, if translated (translations module; `fields.title` only). */
  translation: MaybeTranslation,
  state: Type.String(),
  category: Type.String(),
  visibility: Type.String(),
  /** null where the viewer may not know the author company (anonymous, confidential). */
  companyName: Nullable(Type.String()),
  /** The same company's names in en/ja/zh (the reader's is shown), null where companyName is. */
  company: Nullable(obj({ nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() })),
});
export const ActionStatus = literals(actionStatus.enumValues);
export const OrganizationRef = obj({ id: Uuid, nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() });
export const ProgressUpdate = obj({
  id: Uuid,
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  publicText: Type.String(),
  language: Language,
  /** Officials only; absent for everyone else. */
  internalNote: Type.Optional(Type.String()),
  createdAt: Instant,
  author: PersonRef,
});
export const Action = obj({
  id: Uuid,
  decisionId: Uuid,
  roundTableId: Uuid,
  description: Type.String(),
  language: Language,
  /** The description in the reader's language, if translated (translations module). */
  translation: MaybeTranslation,
  /** null when naming it would reveal an anonymous or confidential issue's company. */
  ownerOrganization: Nullable(OrganizationRef),
  ownerUser: Nullable(obj({ id: Uuid, displayName: Type.String() })),
  dueDate: LocalDate,
  timeZone: Type.String(),
  status: ActionStatus,
  droppedReason: Nullable(Type.String()),
  droppedReasonLanguage: Nullable(Language),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  /** Derived at read time: open/in progress and the due date has passed in the round-table zone. */
  overdue: Type.Boolean(),
  /** Calendar days from today (round-table zone) to the due date; negative when overdue. */
  daysLeft: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  progress: Type.Array(ProgressUpdate),
  /** What the viewer may do now. */
  canUpdate: Type.Boolean(),
});
export const Decision = obj({
  id: Uuid,
  roundTableId: Uuid,
  slotId: Uuid,
  text: Type.String(),
  kind: DecisionKind,
  department: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  language: Language,
  /** The text in the reader's language, if translated (translations module). */
  translation: MaybeTranslation,
  issues: Type.Array(IssueRef),
  createdAt: Instant,
  createdBy: PersonRef,
  actions: Type.Array(Action),
});
export const ActionBody = obj({
  description: Text(1, 5000),
  ownerOrganizationId: Uuid,
  /** Must belong to the owner organization. */
  ownerUserId: Type.Optional(Uuid),
  /** Default: the round-table's local start date + its pledge days (calendar days in its zone). */
  dueDate: Type.Optional(LocalDate),
});
export const ActionPatchBody = obj({
  status: ActionStatus,
  /** Required when dropping. */
  reason: Type.Optional(Text(1, 5000)),
  /** The language of `reason`. */
  language: WrittenIn,
});
export const ProgressBody = obj({
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  publicText: Type.String({ maxLength: 5000 }),
  /** Officials only (400 INTERNAL_NOTE_OFFICIALS_ONLY otherwise). */
  internalNote: Type.Optional(Type.String({ maxLength: 5000 })),
  language: WrittenIn,
});

export const SlotOutcomes = obj({
  slotId: Uuid,
  kind: Type.String(),
  titleEn: Type.String(),
  titleJa: Type.String(),
  titleZh: Type.String(),
  issues: Type.Array(IssueRef),
  minutes: Nullable(Minutes),
  decisions: Type.Array(Decision),
});
export const RoundTableOutcomes = obj(
  {
    roundTable: obj({
      id: Uuid,
      titleEn: Type.String(),
      titleJa: Type.String(),
      titleZh: Type.String(),
      status: Type.String(),
      timeZone: Type.String(),
      startsAt: Instant,
      endsAt: Instant,
      pledgeDays: Type.Integer(),
      /** Local start date + pledge days. */
      pledgeDueDate: LocalDate,
      isStaff: Type.Boolean(),
    }),
    slots: Type.Array(SlotOutcomes),
  },
  'Everything a round-table decided, projected for the viewer (also the printable page)',
);

// Chain ---------------------------------------------------------------------------------------------
export const ChainStepKind = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('answered'),
  Type.Literal('scheduled'),
  Type.Literal('discussed'),
  Type.Literal('decision'),
  Type.Literal('action'),
  Type.Literal('progress'),
  Type.Literal('action_closed'),
  Type.Literal('resolved'),
]);
export const ChainStep = obj({
  kind: ChainStepKind,
  at: Instant,
  actor: Nullable(PersonRef),
  roundTableId: Type.Optional(Uuid),
  slotId: Type.Optional(Uuid),
  decisionId: Type.Optional(Uuid),
  actionId: Type.Optional(Uuid),
  /** Short text for the step (decision text, progress text, resolution reason). */
  text: Type.Optional(Type.String()),
  /** The language `text` is written in, where it is recorded (decisions and action items). */
  language: Type.Optional(Language),
  /** A decision's or action item's text in the reader's language, if translated (`fields.text` or `fields.description`). */
  translation: Type.Optional(MaybeTranslation),
  percent: Type.Optional(Type.Integer()),
  status: Type.Optional(Type.String()),
});
export const IssueChain = obj({
  issue: IssueRef,
  /** Where it was scheduled (null if never). */
  roundTable: Nullable(
    obj({
      id: Uuid,
      slotId: Nullable(Uuid),
      titleEn: Type.String(),
      titleJa: Type.String(),
      titleZh: Type.String(),
      startsAt: Instant,
      timeZone: Type.String(),
    }),
  ),
  steps: Type.Array(ChainStep),
  decisions: Type.Array(Decision),
});

// Board ---------------------------------------------------------------------------------------------
export const StatusCounts = obj({
  open: Type.Integer(),
  in_progress: Type.Integer(),
  done: Type.Integer(),
  dropped: Type.Integer(),
  overdue: Type.Integer(),
  total: Type.Integer(),
});
export const BoardAction = obj({
  id: Uuid,
  roundTableId: Uuid,
  decisionId: Uuid,
  description: Type.String(),
  language: Language,
  /** The description in the reader's language, if translated (translations module). */
  translation: MaybeTranslation,
  ownerOrganization: Nullable(OrganizationRef),
  dueDate: LocalDate,
  daysLeft: Type.Integer(),
  status: ActionStatus,
  percent: Type.Integer(),
  overdue: Type.Boolean(),
});
export const Board = obj({
  generatedAt: Instant,
  totals: StatusCounts,
  pledges: Type.Array(
    obj({
      roundTableId: Uuid,
      titleEn: Type.String(),
      titleJa: Type.String(),
      titleZh: Type.String(),
      timeZone: Type.String(),
      startsAt: Instant,
      pledgeDueDate: LocalDate,
      daysLeft: Type.Integer(),
      actions: StatusCounts,
      averagePercent: Type.Integer(),
    }),
  ),
  overdue: Type.Array(BoardAction),
  byCategory: Type.Array(obj({ category: Type.String(), actions: StatusCounts, averagePercent: Type.Integer() })),
  byDepartment: Type.Array(obj({ organization: OrganizationRef, actions: StatusCounts, averagePercent: Type.Integer() })),
});

// Live events ---------------------------------------------------------------------------------------
// `outcomes.changed` is declared in the event catalog (live/event-catalog.ts) with the other events.
/** `data` of a feed row of type `action.reminder` (user:<id> stream, via feed.item). */
export const ReminderFeedData = obj({
  actionId: Uuid,
  roundTableId: Uuid,
  kind: literals(reminderKind.enumValues),
  description: Type.String(),
  /** The language the description is written in, and its current translations by language (the reader's is shown). */
  language: Language,
  descriptions: Type.Record(Type.String(), Type.String()),
  dueDate: LocalDate,
  issueId: Nullable(Uuid),
});

export type DecisionInput = Static<typeof DecisionBody>;
export type ActionInput = Static<typeof ActionBody>;
export type ProgressInput = Static<typeof ProgressBody>;
export type ActionView = Static<typeof Action>;
export type DecisionView = Static<typeof Decision>;
