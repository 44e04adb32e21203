// The kinds of events (the first part of an event type, e.g. `issue` in `issue.transition`), as the
// audit trail filters them: the API's `kind` parameter and the web client's filter use this one list.
export const EVENT_KINDS = [
  'issue',
  'roundtable',
  'agenda',
  'registration',
  'live',
  'outcomes',
  'organization',
  'account',
  'invitation',
  'access',
  'session',
  'feed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
