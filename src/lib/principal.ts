// Who is asking. Built once per request (or WebSocket) from the session; passed to services.
// The role and language lists are the one source: the database enums and the web client use them too.
export const ROLES = ['organizer', 'official', 'company_rep', 'attendee'] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ['en', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export type OrganizationKind = 'company' | 'government' | 'organizer';

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
