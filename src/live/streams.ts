// Names of event streams. A stream is one ordered log that a client can subscribe to.
export const streamOf = {
  roundTable: (id: string) => `roundtable:${id}`,
  companyInbox: (organizationId: string) => `company:${organizationId}`,
  userFeed: (userId: string) => `user:${userId}`,
  officials: () => 'officials',
} as const;
