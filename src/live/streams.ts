// Names of event streams. A stream is one ordered log with ONE audience: every event in it is
// written already projected for that audience, so a subscriber authorized for the stream may
// receive all of it. Never put a field into a stream that any of its audience may not see.
export const streamOf = {
  /** Everyone who may see the round-table (the public once published, or its registrants). */
  roundTable: (id: string) => `roundtable:${id}`,
  /** Officials of the round-table: internal notes and other staff-only fields. */
  roundTableStaff: (id: string) => `roundtable:${id}:staff`,
  /** Members of one company: its own issues in full (including anonymous/confidential ones). */
  companyInbox: (organizationId: string) => `company:${organizationId}`,
  /** One user: their notification feed and access changes (sign-out, deactivation, role change). */
  userFeed: (userId: string) => `user:${userId}`,
  /** All officials: the review queue. */
  officials: () => 'officials',
  /** Organizers: the running of the platform (organizations, people's roles and access, invitations). */
  platform: () => 'platform',
  /** Anyone, signed in or not: changes to published, public information only. */
  public: () => 'public',
} as const;
