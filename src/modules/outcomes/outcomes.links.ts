// What other modules may use of outcomes: the live session's end settles the issues it discussed
// against the action items recorded while it ran.
export { settleDiscussedIssues } from './actions.service.js';
/** For the translations module: a decision's, action item's or minutes' text for someone who may see it, and the queue's candidates. */
export { outcomeCandidates, outcomeText, type OutcomeCandidate, type OutcomeKind, type OutcomeText } from './outcomes.translatable.js';
