// The issue workflow written down again, independently of src/modules/issues/issues.state-machine.ts, as an
// oracle for the tests: state by state, the commands that leave it, where they lead and who may give them
// (the code's table is command by command). If the two disagree, one of them is wrong.
export type Kind = 'author' | 'official' | 'organizer' | 'other';
export type Outcome = { ok: true; to: string } | { ok: false; code: 'TRANSITION_FORBIDDEN' | 'TRANSITION_NOT_ALLOWED' | 'REASON_REQUIRED' };

const AUTHOR = ['author'] as const;
const OFFICIAL = ['official'] as const;
const AGENDA = ['official', 'organizer'] as const; // round-table builders schedule and close agenda items

/** state -> command -> [next state, who may, a reason is compulsory]. */
const WORKFLOW: Record<string, Record<string, [string, readonly Kind[], boolean?]>> = {
  draft: { submit: ['submitted', AUTHOR], withdraw: ['withdrawn', AUTHOR] },
  submitted: { start_review: ['under_review', OFFICIAL], merge: ['merged', OFFICIAL], withdraw: ['withdrawn', AUTHOR] },
  under_review: {
    accept: ['accepted', OFFICIAL],
    decline: ['declined', OFFICIAL, true],
    merge: ['merged', OFFICIAL],
    withdraw: ['withdrawn', AUTHOR],
  },
  merged: { unmerge: ['under_review', OFFICIAL] },
  accepted: { schedule: ['scheduled', AGENDA] },
  scheduled: { unschedule: ['accepted', AGENDA], mark_discussed: ['discussed', AGENDA] },
  discussed: { await_action: ['action_pending', OFFICIAL], resolve: ['resolved', OFFICIAL] },
  action_pending: { resolve: ['resolved', OFFICIAL] },
  // Final: nothing leaves them.
  declined: {},
  withdrawn: {},
  resolved: {},
};

export const MODEL_STATES = Object.keys(WORKFLOW);
export const MODEL_COMMANDS = [...new Set(Object.values(WORKFLOW).flatMap((c) => Object.keys(c)))];

/** Who may give a command at all (the same in every state it leaves). */
function whoMay(command: string): readonly Kind[] {
  for (const commands of Object.values(WORKFLOW)) if (commands[command]) return commands[command][1];
  return [];
}

/** The expected result of `command` by `kind` on an issue in `state`: role first, then state, then reason. */
export function expectedOutcome(state: string, command: string, kind: Kind, reason?: string | null): Outcome {
  if (!whoMay(command).includes(kind)) return { ok: false, code: 'TRANSITION_FORBIDDEN' };
  const edge = WORKFLOW[state]?.[command];
  if (!edge) return { ok: false, code: 'TRANSITION_NOT_ALLOWED' };
  if (edge[2] && !reason?.trim()) return { ok: false, code: 'REASON_REQUIRED' };
  return { ok: true, to: edge[0] };
}
