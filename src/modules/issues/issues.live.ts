// The issues module's streams: the officials' review queue and each company's inbox. Their
// audiences are the issue visibility rule's viewers (issues.visibility.ts viewerOf): the queue names
// anonymous issues' companies and carries confidential ones, so organizers may not follow it; a
// company's inbox is its representatives' (not any member's, e.g. an attendee of that company).
import { isUuid, registerStreamAuthorizer } from '../../live/access.js';
import { viewerOf } from './issues.visibility.js';

export function registerIssuesLive(): void {
  registerStreamAuthorizer('officials', ({ principal, parts }) => parts.length === 0 && viewerOf(principal).kind === 'official');
  registerStreamAuthorizer('company', ({ principal, parts: [id, ...rest] }) => {
    const viewer = viewerOf(principal);
    return !rest.length && isUuid(id) && viewer.kind === 'company' && viewer.companyId === id;
  });
}
