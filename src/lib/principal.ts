// Who is asking. Built once per request (or WebSocket) from the session; passed to services.
// The role and language lists are the one source: the database enums and the web client use them too.
export const ROLES = ['organizer', 'official', 'company_rep', 'attendee'] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ['en', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const ORGANIZATION_KINDS = ['company', 'government', 'organizer'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
/** Organizers and officials: they run the platform (invite, translate, read the directory and the audit trail). */
export const ORGANIZER_OR_OFFICIAL = ['organizer', 'official'] as const satisfies readonly Role[];
export const isOrganizerOrOfficial = (who: { role: string } | null | undefined): boolean => who?.role === 'organizer' || who?.role === 'official';

export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  organizationKind: OrganizationKind | null;
  language: Language;
  timeZone: string;
}

/** The organization kind each role must belong to (attendees may belong to any, or none). */
export const ROLE_ORGANIZATION_KIND: Record<Role, OrganizationKind | null> = {
  organizer: 'organizer',
  official: 'government',
  company_rep: 'company',
  attendee: null,
};
