// What other modules may use of accounts: finding and creating users (invitations, sign-in,
// calendar feeds), the rules a role and a zone must meet, and the signed-in person's own view.
export { findUserByEmail, findUserById, insertUser, setPasswordHash } from './users.repo.js';
export { assertRoleFitsOrganization, assertValidZone, getMe } from './users.service.js';
