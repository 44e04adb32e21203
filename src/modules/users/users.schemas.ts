import { Type } from 'typebox';
import { ORGANIZATION_KINDS } from '../../lib/principal.js';
import { Instant, Language, literals, Nullable, Role, TimeZone, Uuid } from '../../lib/schemas.js';

export const OrganizationSummary = Type.Object(
  {
    id: Uuid,
    kind: literals(ORGANIZATION_KINDS),
    nameEn: Type.String(),
    nameJa: Type.String(),
    nameZh: Type.String(),
    industry: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const User = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    role: Role,
    organizationId: Nullable(Uuid),
    language: Language,
    timeZone: Type.String(),
    deactivatedAt: Nullable(Instant),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

export const Me = Type.Object({ user: User, organization: Nullable(OrganizationSummary) }, { additionalProperties: false });

export const DisplayName = Type.String({ minLength: 1, maxLength: 120 });

export const UpdateMeBody = Type.Object(
  { displayName: Type.Optional(DisplayName), language: Type.Optional(Language), timeZone: Type.Optional(TimeZone) },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangeRoleBody = Type.Object({ role: Role, organizationId: Nullable(Uuid) }, { additionalProperties: false });
