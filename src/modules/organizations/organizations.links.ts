// What other modules may use of organizations: looking one up (names, kind) by id.
export { findOrganization } from './organizations.repo.js';
