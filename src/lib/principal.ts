// Who is asking. Built once per request (or WebSocket) from the session; passed to services.
export type Role = 'organizer' | 'official' | 'company_rep' | 'attendee';
export type Language = 'en' | 'ja' | 'zh';
export type OrganizationKind = 'company' | 'government' | 'organizer';

export const ROLES: readonly Role[] = ['organizer', 'official', 'company_rep', 'attendee'];
export const LANGUAGES: readonly Language[] = ['en', 'ja', 'zh'];

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
