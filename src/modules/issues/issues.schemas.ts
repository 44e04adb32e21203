// TypeBox schemas for the issues API.
import { Type } from 'typebox';
import { Instant, InstantInput, Language, literals, Nullable, Uuid } from '../../lib/schemas.js';
import { CATEGORIES, COMMANDS, ISSUE_STATES, VISIBILITIES } from './issues.state-machine.js';
import { SORTS } from './issues.lists.js';
import { MaybeTranslation } from '../translations/translations.schemas.js';
import { HTTP_COMMANDS } from './issues.service.js';

export const Category = literals(CATEGORIES);
export const Visibility = literals(VISIBILITIES);
export const IssueState = literals(ISSUE_STATES);
export const Command = literals(COMMANDS);
export const HttpCommand = literals(HTTP_COMMANDS);
export const Sort = literals(SORTS);

const Title = Type.String({ minLength: 3, maxLength: 200, pattern: '\\S' });
const Body = Type.String({ minLength: 10, maxLength: 20000, pattern: '\\S' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 });
const Outcome = Type.String({ maxLength: 4000 });
const Reason = Type.String({ maxLength: 2000 });

export const CreateIssueBody = Type.Object(
  {
    title: Title,
    body: Body,
    category: Category,
    tags: Type.Optional(Tags),
    desiredOutcome: Type.Optional(Outcome),
    language: Language,
    visibility: Visibility,
    /** Submit at once instead of saving a draft. */
    submit: Type.Optional(Type.Boolean()),
    /** The company's own translations into other languages (translations module). */
    translations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            language: Type.String({ maxLength: 20 }),
            title: Type.String({ maxLength: 200 }),
            body: Type.String({ maxLength: 20000 }),
            desiredOutcome: Type.Optional(Outcome),
          },
          { additionalProperties: false },
        ),
        { maxItems: 2 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const EditIssueBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    category: Type.Optional(Category),
    tags: Type.Optional(Tags),
    desiredOutcome: Type.Optional(Outcome),
    language: Type.Optional(Language),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AnswerBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 10000, pattern: '\\S' }),
    department: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    timeFrame: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    hold: Type.Optional(Type.Boolean()),
    /** The language it is written in (default: the writer's). */
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  { command: HttpCommand, reason: Type.Optional(Reason), answer: Type.Optional(AnswerBody) },
  { additionalProperties: false },
);

export const MergeBody = Type.Object({ primaryId: Uuid, reason: Type.Optional(Reason) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });
export const SupportBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const MessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), language: Type.Optional(Language) },
  { additionalProperties: false },
);
export const ReleaseBody = Type.Object({ issueIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500 })) }, { additionalProperties: false });

const Cursor = Type.String({ maxLength: 500 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
const States = Type.Array(IssueState, { maxItems: 11 });

export const QueueQuery = Type.Object(
  {
    state: Type.Optional(States),
    category: Type.Optional(Category),
    companyId: Type.Optional(Uuid),
    from: Type.Optional(InstantInput),
    to: Type.Optional(InstantInput),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(Sort),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export const ExportQuery = Type.Object(
  {
    state: Type.Optional(States),
    category: Type.Optional(Category),
    companyId: Type.Optional(Uuid),
    from: Type.Optional(InstantInput),
    to: Type.Optional(InstantInput),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export const MineQuery = Type.Object(
  { state: Type.Optional(States), sort: Type.Optional(Sort), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export const PublicQuery = Type.Object(
  {
    category: Type.Optional(Category),
    state: Type.Optional(States),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(Sort),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export const SimilarQuery = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), body: Type.Optional(Type.String({ maxLength: 20000 })), excludeId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

const OrgNames = Type.Object({ id: Uuid, nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() }, { additionalProperties: false });

const summaryFields = {
  id: Uuid,
  title: Type.String(),
  category: Category,
  tags: Type.Array(Type.String()),
  language: Language,
  visibility: Visibility,
  state: IssueState,
  company: Nullable(OrgNames),
  mine: Type.Boolean(),
  supportCount: Type.Integer(),
  supportedByUs: Type.Boolean(),
  canSupport: Type.Boolean(),
  unreadMessages: Type.Integer(),
  mergedIntoId: Nullable(Uuid),
  createdAt: Instant,
  submittedAt: Nullable(Instant),
  stateChangedAt: Instant,
  /** The title (detail: and body, desired outcome) in the reader's language, if translated (translations module). */
  translation: MaybeTranslation,
};

export const IssueSummary = Type.Object(summaryFields, { additionalProperties: false });
export const IssuePage = Type.Object({ items: Type.Array(IssueSummary), nextCursor: Nullable(Type.String()) }, { additionalProperties: false });
export const SimilarList = Type.Array(Type.Object({ ...summaryFields, score: Type.Number() }, { additionalProperties: false }));

const HistoryEntry = Type.Object(
  {
    kind: Type.String(),
    command: Nullable(Type.String()),
    fromState: Nullable(IssueState),
    toState: Nullable(IssueState),
    createdAt: Instant,
    actorName: Nullable(Type.String()),
    actorRole: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    previous: Nullable(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const Attachment = Type.Object(
  { id: Uuid, filename: Type.String(), mediaType: Type.String(), size: Type.Integer(), createdAt: Instant },
  { additionalProperties: false },
);

export const IssueDetail = Type.Object(
  {
    ...summaryFields,
    body: Type.String(),
    desiredOutcome: Type.String(),
    roundTableId: Nullable(Uuid),
    updatedAt: Instant,
    commands: Type.Array(Command),
    history: Type.Array(HistoryEntry),
    attachments: Type.Array(Attachment),
    supporters: Type.Array(
      Type.Object({ company: Nullable(OrgNames), comment: Type.String(), ours: Type.Boolean(), createdAt: Instant }, { additionalProperties: false }),
    ),
    answer: Nullable(
      Type.Object(
        {
          text: Type.String(),
          language: Language,
          translation: MaybeTranslation,
          department: Type.String(),
          timeFrame: Type.String(),
          releasedAt: Nullable(Instant),
          updatedAt: Instant,
        },
        { additionalProperties: false },
      ),
    ),
    mergedInto: Nullable(Type.Object({ id: Uuid, title: Nullable(Type.String()) }, { additionalProperties: false })),
    merged: Type.Array(
      Type.Object(
        {
          id: Uuid,
          title: Type.String(),
          body: Type.String(),
          visibility: Visibility,
          language: Language,
          company: Nullable(OrgNames),
          history: Type.Array(HistoryEntry),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PendingAnswers = Type.Array(
  Type.Object(
    {
      issueId: Uuid,
      title: Type.String(),
      language: Language,
      text: Type.String(),
      answerLanguage: Language,
      department: Type.String(),
      timeFrame: Type.String(),
      updatedAt: Instant,
    },
    { additionalProperties: false },
  ),
);

export const Message = Type.Object(
  {
    id: Uuid,
    authorId: Uuid,
    authorName: Type.String(),
    fromOfficials: Type.Boolean(),
    body: Type.String(),
    language: Language,
    translation: MaybeTranslation,
    createdAt: Instant,
    readAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
