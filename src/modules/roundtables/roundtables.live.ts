// The round-tables module's streams: roundtable:<id> for whoever may view it (its audience) and
// roundtable:<id>:staff for its chair and the host's officials.
import { isUuid, registerStreamAuthorizer } from '../../live/access.js';
import { canViewRoundTable, isRoundTableStaff } from './roundtables.access.js';

export function registerRoundTablesLive(): void {
  registerStreamAuthorizer('roundtable', ({ db, principal, parts: [id, ...rest] }) => {
    if (!isUuid(id)) return false;
    if (!rest.length) return canViewRoundTable(db, principal, id);
    return rest.length === 1 && rest[0] === 'staff' && isRoundTableStaff(db, principal, id);
  });
}
