// A round-table live as attendees follow it on any device: current slot, countdown, what comes next,
// speakers, raise hand, poll, announcements. Its staff open the chair console (ChairConsole.tsx) from
// here. State comes from the WebSocket (snapshot, then events); commands go over HTTP and come back
// to everyone as events. Before the first snapshot: Loading, or the error with a retry (never Loading for ever).
import { useState } from 'preact/hooks';
import { del, post } from '../../api.js';
import { Awaiting, ErrorNote, FieldError, LocalTitle, useSubmit } from '../../components/ui.js';
import { type MessageKey, t, tn } from '../../i18n/index.js';
import { connectionState } from '../../live.js';
import { me } from '../../session.js';
import { clock, remainingMs, type LiveState } from './model.js';
import { useLive } from './useLive.js';

export function ConnectionBadge() {
  const state = connectionState.value;
  return (
    <span class={`badge conn conn-${state}`} data-testid="live-connection" data-state={state} role="status">
      {t(`live.connection.${state}` as MessageKey)}
    </span>
  );
}

/** Before the first snapshot: the connection state, and Loading or the error with a retry. */
export function LiveLoading({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  return (
    <main>
      <ConnectionBadge />
      <Awaiting error={error} onRetry={onRetry} />
    </main>
  );
}

export function LivePage({ id }: { id: string }) {
  const { rt, state, serverNow, error, retry, base } = useLive(id);
  const hand = useSubmit();

  if (!state || !rt) {
    return <LiveLoading error={error} onRetry={retry} />;
  }
  const at = state.slots.findIndex((s) => s.id === state.currentItemId);
  const current = at >= 0 ? state.slots[at] : null;
  const next = state.slots[at + 1] ?? null;
  const mine = state.hands.find((h) => h.userId === me.value?.user.id);
  const speaker = state.hands.find((h) => h.status === 'speaking');
  const canSpeak = me.value && (me.value.user.role === 'attendee' || me.value.user.role === 'company_rep');

  return (
    <main class="live">
      <p>
        <a href={`#/round-tables/${id}`}>
          ← <LocalTitle of={rt} />
        </a>
      </p>
      <h1>
        {t('live.title')} <ConnectionBadge />
      </h1>
      {rt.isStaff && (
        <p>
          <a class="button" href={`#/live/${id}/console`} data-testid="open-console">
            {t('live.console.open')}
          </a>
        </p>
      )}
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
              <LocalTitle of={current} />
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
            {t('live.next')}: <LocalTitle of={next} />
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
                <button class="secondary" disabled={hand.busy} onClick={hand.runWith(() => del(`${base}/hands`))}>
                  {t('live.lowerHand')}
                </button>
              )
            ) : (
              <button disabled={hand.busy} onClick={hand.runWith(() => post(`${base}/hands`))}>
                {t('live.raiseHand')}
              </button>
            )}
          </p>
        )}
        <FieldError error={hand.error} />
      </section>

      {state.poll && <PollCard poll={state.poll} base={base} />}

      <section class="card">
        <h2>{t('live.agenda')}</h2>
        <ol class="live-agenda" data-testid="live-agenda">
          {state.slots.map((s) => (
            <li class={s.id === state.currentItemId ? 'current' : ''} aria-current={s.id === state.currentItemId ? 'step' : undefined}>
              <LocalTitle of={s} /> <span class="muted">({tn('live.minutes', s.plannedMinutes)})</span>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

export function PollCard({ poll, base }: { poll: LiveState['poll'] & {}; base: string }) {
  const [voted, setVoted] = useState<string | null>(null);
  const vote = useSubmit();
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
                disabled={vote.busy}
                onClick={vote.runWith(async () => {
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
      <FieldError error={vote.error} />
      <p class="muted">{tn('live.poll.votes', poll.votes)}</p>
    </section>
  );
}
