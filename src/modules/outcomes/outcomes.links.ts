// What other modules may use of outcomes: the live session's end settles the issues it discussed
// against the action items recorded while it ran.
export { settleDiscussedIssues } from './actions.service.js';
/** For the translations module: a decision's or action item's text, for someone who may see it. */
export { outcomeText, type OutcomeText } from './outcomes.translatable.js';
