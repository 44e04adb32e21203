// TypeBox schemas for round-tables, registrations, agendas, releases and calendar feeds.
import { Type } from 'typebox';
import { agendaItemKind, registrationStatus, roundTableAudience, roundTableStatus } from '../../db/schema/roundtables.js';
import { Instant, Language, literals, LocalDateTime as localDateTime, Nullable, TimeZone, Uuid } from '../../lib/schemas.js';

const Text = (max: number) => Type.String({ maxLength: max });
const LocalDateTime = localDateTime('Wall-clock time in the round-table zone, e.g. 2026-12-05T14:00');
// The value lists are the database enums' (db/schema/roundtables.ts).
export const Status = literals(roundTableStatus.enumValues);
const Audience = literals(roundTableAudience.enumValues);
const RegistrationStatus = literals(registrationStatus.enumValues);
const Names = Type.Object({ nameEn: Type.String(), nameJa: Type.String(), nameZh: Type.String() }, { additionalProperties: false });

const editable = {
  titleEn: Type.Optional(Text(200)),
  titleJa: Type.Optional(Text(200)),
  titleZh: Type.Optional(Text(200)),
  descriptionEn: Type.Optional(Text(5000)),
  descriptionJa: Type.Optional(Text(5000)),
  descriptionZh: Type.Optional(Text(5000)),
  theme: Type.Optional(Type.String({ maxLength: 40 })),
  hostOrganizationId: Type.Optional(Uuid),
  chairId: Type.Optional(Uuid),
  venueName: Type.Optional(Nullable(Text(200))),
  venueAddress: Type.Optional(Nullable(Text(500))),
  venueRoom: Type.Optional(Nullable(Text(100))),
  venueCityEn: Type.Optional(Nullable(Text(100))),
  venueCityJa: Type.Optional(Nullable(Text(100))),
  venueCityZh: Type.Optional(Nullable(Text(100))),
  onlineUrl: Type.Optional(Nullable(Text(500))),
  timeZone: Type.Optional(TimeZone),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  seatsPerCompany: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  requiresApproval: Type.Optional(Type.Boolean()),
  audience: Type.Optional(Audience),
  proposalDeadline: Type.Optional(Nullable(LocalDateTime)),
  pledgeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
};

export const CreateBody = Type.Object(
  { ...editable, start: LocalDateTime, end: LocalDateTime, capacity: Type.Integer({ minimum: 1, maximum: 10000 }) },
  { additionalProperties: false },
);
export const UpdateBody = Type.Object(
  {
    ...editable,
    start: Type.Optional(LocalDateTime),
    end: Type.Optional(LocalDateTime),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why, when the edit moves a published round-table (time, zone, venue or link)' })),
  },
  { additionalProperties: false },
);
export const RescheduleBody = Type.Object(
  { start: LocalDateTime, end: LocalDateTime, timeZone: Type.Optional(TimeZone), reason: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);
export const CancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

const summary = {
  id: Uuid,
  status: Status,
  titleEn: Type.String(),
  titleJa: Type.String(),
  titleZh: Type.String(),
  descriptionEn: Type.String(),
  descriptionJa: Type.String(),
  descriptionZh: Type.String(),
  theme: Type.String(),
  hostOrganizationId: Uuid,
  chairId: Uuid,
  venueName: Nullable(Type.String()),
  venueAddress: Nullable(Type.String()),
  venueRoom: Nullable(Type.String()),
  venueCityEn: Nullable(Type.String({ description: "The venue's city, for time labels (e.g. Tianjin)" })),
  venueCityJa: Nullable(Type.String()),
  venueCityZh: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  timeZone: Type.String({ description: 'The venue zone (IANA)' }),
  startsAt: Instant,
  endsAt: Instant,
  localStart: Type.String({ description: 'Start as wall-clock time in the venue zone, with its offset (2026-12-05T14:00+08:00)' }),
  localEnd: Type.String({ description: 'End as wall-clock time in the venue zone, with its offset' }),
  durationMinutes: Type.Integer(),
  capacity: Type.Integer(),
  seatsPerCompany: Type.Integer(),
  requiresApproval: Type.Boolean(),
  audience: Audience,
  proposalDeadline: Nullable(Instant),
  pledgeDays: Type.Integer(),
  cancelReason: Nullable(Type.String()),
  sequence: Type.Integer(),
  chairName: Type.String(),
  host: Names,
  seatsTaken: Type.Integer(),
  waitlisted: Type.Integer(),
  myRegistration: Nullable(Type.Object({ id: Uuid, status: RegistrationStatus }, { additionalProperties: false })),
  isStaff: Type.Boolean(),
  latestRelease: Nullable(Type.Integer()),
};
export const RoundTable = Type.Object(summary, { additionalProperties: false });
/** A translation of a round-table's title or description into one language (current, or stale: the original changed since). */
const TextTranslation = Type.Object(
  { language: Language, translatedFrom: Language, current: Type.Boolean(), machine: Type.Boolean(), translatedAt: Instant, text: Type.String() },
  { additionalProperties: false },
);
export const RoundTableDetail = Type.Object(
  {
    ...summary,
    /** The language the title and description are written in: that language's fields are the original. */
    language: Type.Optional(Language),
    /** Every translation of the title and of the description; the other languages' fields show the current ones. */
    translations: Type.Optional(Type.Object({ title: Type.Array(TextTranslation), description: Type.Array(TextTranslation) }, { additionalProperties: false })),
    reschedules: Type.Array(
      Type.Object(
        {
          previousStartsAt: Instant,
          previousEndsAt: Instant,
          startsAt: Instant,
          endsAt: Instant,
          timeZone: Type.String(),
          reason: Type.String(),
          createdAt: Instant,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Registration = Type.Object({ id: Uuid, status: RegistrationStatus, roundTableId: Uuid }, { additionalProperties: false });
export const RegisterBody = Type.Object(
  { waitlist: Type.Optional(Type.Boolean({ description: 'Join the waitlist when full (default true)' })) },
  { additionalProperties: false },
);
export const Registrant = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    displayName: Type.String(),
    email: Type.String(),
    organizationId: Nullable(Uuid),
    organizationName: Nullable(Type.String({ description: 'The English name; `organization` has all three' })),
    organization: Nullable(Names),
    status: RegistrationStatus,
    createdAt: Instant,
  },
  { additionalProperties: false },
);
export const RegistrationParams = Type.Object({ id: Uuid, registrationId: Uuid }, { additionalProperties: false });

// Agenda ----------------------------------------------------------------------------------------------
const SlotKind = Type.Union([Type.Literal('opening'), Type.Literal('issue'), Type.Literal('presentation'), Type.Literal('break'), Type.Literal('closing')]);
const ItemKind = literals(agendaItemKind.enumValues);
const itemFields = {
  id: Type.Optional(Uuid),
  titleEn: Type.Optional(Text(300)),
  titleJa: Type.Optional(Text(300)),
  titleZh: Type.Optional(Text(300)),
  presenter: Type.Optional(Text(200)),
  plannedMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  internalNotes: Type.Optional(Text(5000)),
  issueIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
};
const SlotInput = Type.Object({ ...itemFields, kind: SlotKind }, { additionalProperties: false });
const ItemInput = Type.Object(
  { ...itemFields, kind: ItemKind, items: Type.Optional(Type.Array(SlotInput, { maxItems: 100 })) },
  { additionalProperties: false },
);
export const AgendaBody = Type.Object(
  { version: Type.Integer({ minimum: 0 }), items: Type.Array(ItemInput, { maxItems: 100 }) },
  { additionalProperties: false },
);
export const PublishBody = Type.Object({ version: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

const slotOut = {
  id: Uuid,
  sectionId: Nullable(Uuid),
  kind: ItemKind,
  titleEn: Type.String(),
  titleJa: Type.String(),
  titleZh: Type.String(),
  presenter: Type.String(),
  plannedMinutes: Type.Integer(),
  offsetMinutes: Type.Integer(),
  startsAt: Instant,
  localStart: Type.String({ description: 'Start as wall-clock time in the venue zone, with its offset (2026-12-05T14:00+08:00)' }),
  issueIds: Type.Array(Uuid),
  /** Released agendas: the language the title is written in, and every translation of it (current: of the released title). */
  language: Type.Optional(Language),
  translations: Type.Optional(Type.Array(TextTranslation)),
};
const PublicSlot = Type.Object(slotOut, { additionalProperties: false });
const PublicItem = Type.Object({ ...slotOut, items: Type.Optional(Type.Array(PublicSlot)) }, { additionalProperties: false });
const StaffSlot = Type.Object({ ...slotOut, internalNotes: Type.String() }, { additionalProperties: false });
const StaffItem = Type.Object({ ...slotOut, internalNotes: Type.String(), items: Type.Optional(Type.Array(StaffSlot)) }, { additionalProperties: false });
const AgendaIssue = Type.Object(
  {
    id: Uuid,
    title: Nullable(Type.String()),
    language: Language,
    category: Type.String(),
    visibility: Type.String(),
    companyName: Nullable(Type.String({ description: 'The English name (kept for older clients); `company` has all three' })),
    company: Nullable(Names),
  },
  { additionalProperties: false },
);
const fit = { availableMinutes: Type.Integer(), plannedMinutes: Type.Integer(), overByMinutes: Type.Integer(), fits: Type.Boolean() };
export const ChangelogEntry = Type.Object(
  {
    change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('moved'), Type.Literal('retimed'), Type.Literal('renamed')]),
    itemId: Uuid,
    kind: Type.String(),
    titleEn: Type.String(),
    titleJa: Type.String(),
    titleZh: Type.String(),
    before: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    after: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export const DraftAgenda = Type.Object(
  {
    roundTableId: Uuid,
    version: Type.Integer(),
    timeZone: Type.String(),
    ...fit,
    latestRelease: Nullable(Type.Integer()),
    unpublishedChanges: Type.Boolean(),
    items: Type.Array(StaffItem),
    issues: Type.Array(AgendaIssue),
  },
  { additionalProperties: false },
);
export const Release = Type.Object(
  {
    number: Type.Integer(),
    publishedAt: Instant,
    timeZone: Type.String(),
    ...fit,
    items: Type.Array(PublicItem),
    changelog: Type.Array(ChangelogEntry),
    issues: Type.Array(AgendaIssue),
  },
  { additionalProperties: false },
);
export const ReleaseSummary = Type.Object(
  { number: Type.Integer(), publishedAt: Instant, changelog: Type.Array(ChangelogEntry) },
  { additionalProperties: false },
);
