// The round-table vocabulary: one list each for statuses, audiences, registration statuses and agenda
// item kinds. The database enums (db/schema/roundtables.ts), the HTTP schemas (through the enums) and
// the web client's types read these (lib/issue-vocabulary.ts does the same for issues).
export const ROUND_TABLE_STATUSES = ['draft', 'scheduled', 'live', 'concluded', 'cancelled'] as const;
export const ROUND_TABLE_AUDIENCES = ['public', 'registered'] as const;
export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected'] as const;
export const AGENDA_ITEM_KINDS = ['section', 'opening', 'issue', 'presentation', 'break', 'closing'] as const;
