// The live state of one round-table for a page: the round-table, the state from the WebSocket
// (snapshot, then events), the server clock offset for countdowns, and the error of loading either
// with a retry (which fetches the round-table and subscribes again). Commands are the pages' own
// (useSubmit), each with its refusal beside its control.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../../api.js';
import { live } from '../../live.js';
import type { RoundTable } from '../roundtables/model.js';
import { apply, type LiveState } from './model.js';

export function useLive(id: string) {
  const [rt, setRt] = useState<RoundTable | null>(null);
  const [state, setState] = useState<LiveState | null>(null);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    get<RoundTable>(`/api/round-tables/${id}`).then(setRt, setError);
    return live.subscribe(`roundtable:${id}`, {
      snapshot: (data) => {
        const s = data as LiveState;
        setState(s);
        setOffset(Date.parse(s.serverNow) - Date.now());
      },
      event: (type, data) => setState((s) => (s ? apply(s, type, data as Record<string, unknown>) : s)),
      // A refused subscription: the same stable codes (and dictionary messages) as HTTP errors.
      error: (code, message) => setError(new ApiError(0, code, message)),
    });
  }, [id, attempt]);
  // The countdown is computed from server timestamps; this only repaints it.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const retry = () => setAttempt((n) => n + 1);
  return { rt, state, serverNow: now + offset, error, retry, base: `/api/round-tables/${id}/live` };
}
