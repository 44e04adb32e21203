export * from './organizations.js';
export * from './users.js';
export * from './sessions.js';
export * from './invitations.js';
export * from './events.js';
export * from './issues.js';
export * from './roundtables.js';
export * from './live-tickets.js';
