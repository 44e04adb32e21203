// The live state of a round-table as the server sends it (snapshot of roundtable:<id>) and how each
// live.* event changes it.
export interface Slot {
  id: string;
  kind: string;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  presenter: string;
  plannedMinutes: number;
}
export interface Timer {
  itemId: string;
  durationMs: number;
  elapsedMs: number;
  runningSince: string | null;
}
export interface Hand {
  id: string;
  userId: string;
  name: string;
  status: 'waiting' | 'speaking';
  raisedAt: string;
  floorAt: string | null;
}
export interface Poll {
  id: string;
  question: string;
  options: string[];
  status: 'open' | 'closed';
  tally: number[];
  votes: number;
}
export interface Announcement {
  id: string;
  text: string;
  at: string;
}
export interface LiveState {
  roundTableId: string;
  status: string;
  serverNow: string;
  slots: Slot[];
  currentItemId: string | null;
  timer: Timer | null;
  hands: Hand[];
  poll: Poll | null;
  announcements: Announcement[];
  startedAt: string | null;
  endedAt: string | null;
}

export function apply(state: LiveState, type: string, data: Record<string, unknown>): LiveState {
  switch (type) {
    case 'live.started':
      return data.state as LiveState;
    case 'live.slot':
      return { ...state, currentItemId: data.currentItemId as string | null, timer: data.timer as Timer | null };
    case 'live.timer':
      return { ...state, timer: data.timer as Timer | null };
    case 'live.hands':
      return { ...state, hands: data.hands as Hand[] };
    case 'live.poll':
      return { ...state, poll: data.poll as Poll };
    case 'live.announcement':
      return { ...state, announcements: [data.announcement as Announcement, ...state.announcements].slice(0, 10) };
    case 'live.ended':
      return { ...state, status: 'concluded', endedAt: data.endedAt as string, poll: state.poll && { ...state.poll, status: 'closed' } };
    case 'roundtable.live':
      return { ...state, status: 'live' };
    case 'roundtable.concluded':
      return { ...state, status: 'concluded' };
    default:
      return state;
  }
}

/** Milliseconds left on the countdown at server time `now` (negative: overrun). */
export function remainingMs(timer: Timer, now: number): number {
  const running = timer.runningSince ? now - Date.parse(timer.runningSince) : 0;
  return timer.durationMs - timer.elapsedMs - running;
}

export function clock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${sign}${m}:${String(s).padStart(2, '0')}`;
}
