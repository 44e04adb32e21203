// The issue vocabulary: one list each for categories, visibilities and states. The database enums
// (db/schema/issues.ts), the state machine and the web client's filters and forms all read these.
export const ISSUE_CATEGORIES = ['investment', 'modern_services', 'intellectual_property', 'business_environment'] as const;
export const ISSUE_VISIBILITIES = ['public', 'anonymous', 'confidential'] as const;
export const ISSUE_STATES = [
  'draft',
  'submitted',
  'under_review',
  'accepted',
  'declined',
  'merged',
  'scheduled',
  'discussed',
  'action_pending',
  'resolved',
  'withdrawn',
] as const;
