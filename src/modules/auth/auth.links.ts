// What other modules may use of authentication: issuing a session (accepting an invitation),
// ending all of a user's sessions (deactivation, role change), resolving a session id (live layer).
export { issueSession, type IssuedSession } from './sessions.service.js';
export { findPrincipalBySessionId, revokeAllSessions } from './sessions.repo.js';
