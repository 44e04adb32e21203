// What other modules may use of outcomes: the live session's end settles the issues it discussed
// against the action items recorded while it ran.
export { settleDiscussedIssues } from './actions.service.js';
