// A round-table live: what attendees follow on any device (current slot, countdown, what comes next,
// speakers, raise hand, poll, announcements) and, for its staff, the chair console. State comes from
// the WebSocket (snapshot, then events); commands go over HTTP and come back to everyone as events.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../../api.js';
import { ErrorNote } from '../../components/ui.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { connectionState, live } from '../../live.js';
import { me } from '../../session.js';
import { localText, type RoundTable } from '../roundtables/model.js';
import { apply, clock, remainingMs, type LiveState } from './model.js';

export function ConnectionBadge() {
  const state = connectionState.value;
  return (
    <span class={`badge conn conn-${state}`} data-testid="live-connection" data-state={state} role="status">
      {t(`live.connection.${state}` as MessageKey)}
    </span>
  );
}

export function LivePage({ id }: { id: string }) {
  const [rt, setRt] = useState<RoundTable | null>(null);
  const [state, setState] = useState<LiveState | null>(null);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    get<RoundTable>(`/api/round-tables/${id}`).then(setRt, setError);
    return live.subscribe(`roundtable:${id}`, {
      snapshot: (data) => {
        const s = data as LiveState;
        setState(s);
        setOffset(Date.parse(s.serverNow) - Date.now());
      },
      event: (type, data) => setState((s) => (s ? apply(s, type, data as Record<string, unknown>) : s)),
      error: (code, message) => setError(new Error(`${message} (${code})`)),
    });
  }, [id]);
  // The countdown is computed from server timestamps; this only repaints it.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const act = (fn: () => Promise<unknown>) => async () => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };

  if (!state || !rt) {
    return (
      <main>
        <ConnectionBadge />
        {error ? <ErrorNote error={error} /> : <p class="muted">{t('app.loading')}</p>}
      </main>
    );
  }
  const serverNow = now + offset;
  const at = state.slots.findIndex((s) => s.id === state.currentItemId);
  const current = at >= 0 ? state.slots[at] : null;
  const next = state.slots[at + 1] ?? null;
  const base = `/api/round-tables/${id}/live`;
  const mine = state.hands.find((h) => h.userId === me.value?.user.id);
  const speaker = state.hands.find((h) => h.status === 'speaking');
  const canSpeak = me.value && (me.value.user.role === 'attendee' || me.value.user.role === 'company_rep');

  return (
    <main class="live">
      <p>
        <a href={`#/round-tables/${id}`}>← {localText(rt)}</a>
      </p>
      <h1>
        {t('live.title')} <ConnectionBadge />
      </h1>
      <p class="badge" data-testid="live-status">
        {t(`live.status.${state.status === 'live' || state.status === 'concluded' ? state.status : 'waiting'}` as MessageKey)}
      </p>
      <ErrorNote error={error} />

      {state.announcements[0] && (
        <section class="card announcement" data-testid="live-announcement" role="status">
          <strong>{t('live.announcement')}</strong> {state.announcements[0].text}
        </section>
      )}

      <section class="card" data-testid="live-now">
        <h2>{t('live.now')}</h2>
        {current ? (
          <>
            <p class="live-current" data-testid="live-current">
              {localText(current)}
              {current.presenter && <span class="muted"> · {current.presenter}</span>}
            </p>
            {state.timer && (
              <p class={`countdown${remainingMs(state.timer, serverNow) < 0 ? ' error' : ''}`} data-testid="live-countdown">
                {clock(remainingMs(state.timer, serverNow))} {state.timer.runningSince ? '' : `(${t('live.timer.paused')})`}
              </p>
            )}
          </>
        ) : (
          <p class="muted">{t('live.notStarted')}</p>
        )}
        {next && (
          <p data-testid="live-next">
            {t('live.next')}: {localText(next)}
          </p>
        )}
      </section>

      <section class="card">
        <h2>{t('live.speakers')}</h2>
        {speaker && (
          <p data-testid="live-speaker">
            {t('live.speaking')} <strong>{speaker.name}</strong> · {clock(Math.max(0, serverNow - Date.parse(speaker.floorAt!)))}
          </p>
        )}
        <ol data-testid="live-queue">
          {state.hands
            .filter((h) => h.status === 'waiting')
            .map((h) => (
              <li>{h.name}</li>
            ))}
        </ol>
        {canSpeak && state.status === 'live' && (
          <p>
            {mine ? (
              mine.status === 'waiting' && (
                <button class="secondary" onClick={act(() => del(`${base}/hands`))}>
                  {t('live.lowerHand')}
                </button>
              )
            ) : (
              <button onClick={act(() => post(`${base}/hands`))}>{t('live.raiseHand')}</button>
            )}
          </p>
        )}
      </section>

      {state.poll && <PollCard poll={state.poll} base={base} act={act} />}

      <section class="card">
        <h2>{t('live.agenda')}</h2>
        <ol class="live-agenda" data-testid="live-agenda">
          {state.slots.map((s) => (
            <li class={s.id === state.currentItemId ? 'current' : ''} aria-current={s.id === state.currentItemId ? 'step' : undefined}>
              {localText(s)} <span class="muted">({t('live.minutes', { n: s.plannedMinutes })})</span>
            </li>
          ))}
        </ol>
      </section>

      {rt.isStaff && <ChairConsole state={state} base={base} act={act} />}
    </main>
  );
}

type Act = (fn: () => Promise<unknown>) => () => Promise<void>;

function PollCard({ poll, base, act }: { poll: LiveState['poll'] & {}; base: string; act: Act }) {
  const [voted, setVoted] = useState<string | null>(null);
  return (
    <section class="card" data-testid="live-poll">
      <h2>
        {t('live.poll')}: {poll.question} {poll.status === 'closed' && <span class="badge">{t('live.poll.closed')}</span>}
      </h2>
      <ul>
        {poll.options.map((o, i) => (
          <li>
            {poll.status === 'open' && me.value && voted !== poll.id ? (
              <button
                class="secondary"
                onClick={act(async () => {
                  await post(`${base}/polls/${poll.id}/votes`, { option: i });
                  setVoted(poll.id);
                })}
              >
                {o}
              </button>
            ) : (
              <span>{o}</span>
            )}{' '}
            <strong data-testid={`live-tally-${i}`}>{poll.tally[i]}</strong>
          </li>
        ))}
      </ul>
      <p class="muted">{t('live.poll.votes', { n: poll.votes })}</p>
    </section>
  );
}

function ChairConsole({ state, base, act }: { state: LiveState; base: string; act: Act }) {
  const [text, setText] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const running = state.status === 'live';
  return (
    <section class="card console" data-testid="chair-console">
      <h2>{t('live.console')}</h2>
      {state.status === 'scheduled' && <button onClick={act(() => post(`${base}/start`))}>{t('live.start')}</button>}
      {running && (
        <>
          <div class="row">
            <button class="secondary" onClick={act(() => post(`${base}/slot`, { move: 'previous' }))}>
              {t('live.previous')}
            </button>
            <button onClick={act(() => post(`${base}/slot`, { move: 'next' }))}>{t('live.nextSlot')}</button>
          </div>
          <div class="row">
            {state.timer?.runningSince ? (
              <button class="secondary" onClick={act(() => post(`${base}/timer`, { action: 'pause' }))}>
                {t('live.timer.pause')}
              </button>
            ) : (
              <button class="secondary" onClick={act(() => post(`${base}/timer`, { action: 'start' }))}>
                {t('live.timer.start')}
              </button>
            )}
            <button class="secondary" onClick={act(() => post(`${base}/timer`, { action: 'extend', minutes: 5 }))}>
              {t('live.timer.extend')}
            </button>
          </div>
          <h3>{t('live.speakers')}</h3>
          <ul data-testid="console-hands">
            {state.hands.map((h) => (
              <li>
                {h.name}{' '}
                {h.status === 'waiting' ? (
                  <button onClick={act(() => post(`${base}/hands/${h.id}`, { action: 'floor' }))}>{t('live.giveFloor')}</button>
                ) : (
                  <button class="secondary" onClick={act(() => post(`${base}/hands/${h.id}`, { action: 'end' }))}>
                    {t('live.endFloor')}
                  </button>
                )}{' '}
                <button class="link" onClick={act(() => post(`${base}/hands/${h.id}`, { action: 'remove' }))}>
                  {t('live.remove')}
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                await post(`${base}/announcements`, { text });
                setText('');
              })();
            }}
          >
            <label class="field">
              <span>{t('live.announce')}</span>
              <input value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={500} required />
            </label>
            <button type="submit">{t('live.announce.send')}</button>
          </form>
          {state.poll?.status === 'open' ? (
            <button class="secondary" onClick={act(() => post(`${base}/polls/${state.poll!.id}/close`))}>
              {t('live.poll.close')}
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
                void act(async () => {
                  await post(`${base}/polls`, { question, options: list });
                  setQuestion('');
                  setOptions('');
                })();
              }}
            >
              <label class="field">
                <span>{t('live.poll.question')}</span>
                <input value={question} onInput={(e) => setQuestion(e.currentTarget.value)} maxLength={300} required />
              </label>
              <label class="field">
                <span>{t('live.poll.options')}</span>
                <textarea value={options} onInput={(e) => setOptions(e.currentTarget.value)} rows={3} required />
              </label>
              <button type="submit">{t('live.poll.open')}</button>
            </form>
          )}
          <p>
            <button class="danger" onClick={act(() => post(`${base}/end`))}>
              {t('live.end')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/** Round-tables one can follow live: those live now first, then the scheduled ones. */
export function LiveList() {
  const [list, setList] = useState<RoundTable[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<RoundTable[]>('/api/round-tables').then(setList, setError);
  }, []);
  const shown = (list ?? []).filter((r) => r.status === 'live' || r.status === 'scheduled').sort((a, b) => (a.status === 'live' ? -1 : 0) - (b.status === 'live' ? -1 : 0));
  return (
    <main>
      <h1>{t('nav.live')}</h1>
      <ErrorNote error={error} />
      {list && !shown.length && <p class="muted">{t('live.none')}</p>}
      <ul data-testid="live-list">
        {shown.map((r) => (
          <li>
            <a href={`#/live/${r.id}`}>{localText(r)}</a> {r.status === 'live' && <span class="badge">{t('live.status.live')}</span>}
          </li>
        ))}
      </ul>
    </main>
  );
}
