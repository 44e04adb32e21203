// The chair console: its own view (#/live/:id/console) for the chair and the host's officials, to
// start the session, move through the slots, run the countdown, the speakers queue, announcements
// and polls, and end it (after a confirmation). Attendees follow the same state on LivePage.
import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNote, FieldError, LocalTitle, useSubmit } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { SlotRecorder } from '../outcomes/Outcomes.js';
import { ConnectionBadge, LiveLoading, PollCard } from './LivePage.js';
import { clock, remainingMs, type LiveState } from './model.js';
import { useLive } from './useLive.js';

export function ChairConsole({ id }: { id: string }) {
  const { rt, state, serverNow, error, retry, base } = useLive(id);
  if (!state || !rt) {
    return <LiveLoading error={error} onRetry={retry} />;
  }
  const current = state.slots.find((s) => s.id === state.currentItemId) ?? null;
  return (
    <main class="live">
      <p>
        <a href={`#/live/${id}`}>← {t('live.console.back')}</a>
      </p>
      <h1>
        {t('live.console')} <ConnectionBadge />
      </h1>
      <p>
        <LocalTitle of={rt} />
      </p>
      {!rt.isStaff ? (
        <p class="error" role="alert">
          {t('live.console.staffOnly')}
        </p>
      ) : (
        <>
          <section class="card" data-testid="console-now">
            {current ? (
              <p class="live-current">
                <LocalTitle of={current} />{' '}
                {state.timer && (
                  <span class={`countdown${remainingMs(state.timer, serverNow) < 0 ? ' error' : ''}`}>{clock(remainingMs(state.timer, serverNow))}</span>
                )}
              </p>
            ) : (
              <p class="muted">{t('live.notStarted')}</p>
            )}
          </section>
          <ErrorNote error={error} />
          {state.poll && <PollCard poll={state.poll} base={base} />}
          <ConsoleControls state={state} base={base} />
          {state.status === 'live' && current && <SlotRecorder id={id} slotId={current.id} />}
        </>
      )}
    </main>
  );
}

function ConsoleControls({ state, base }: { state: LiveState; base: string }) {
  const [text, setText] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  // Each control group sends one command at a time and keeps its refusal beside it. Its buttons are
  // disabled while the command is in flight: the live event can arrive before the HTTP answer, so the
  // chair might click "Next slot" again too soon; a double click sends the command once.
  const start = useSubmit(() => post(`${base}/start`));
  const slot = useSubmit();
  const timer = useSubmit();
  const hands = useSubmit();
  const announce = useSubmit(async () => {
    await post(`${base}/announcements`, { text });
    setText('');
  });
  const poll = useSubmit();
  const end = useSubmit(() => post(`${base}/end`));
  const openPoll = poll.runWith(async () => {
    const list = options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    await post(`${base}/polls`, { question, options: list });
    setQuestion('');
    setOptions('');
  });
  const running = state.status === 'live';
  return (
    <section class="card console" data-testid="chair-console">
      <h2>{t('live.console')}</h2>
      {state.status === 'scheduled' && (
        <button disabled={start.busy} onClick={start.run}>
          {t('live.start')}
        </button>
      )}
      <FieldError error={start.error} />
      {running && (
        <>
          <div class="row">
            <button class="secondary" disabled={slot.busy} onClick={slot.runWith(() => post(`${base}/slot`, { move: 'previous' }))}>
              {t('live.previous')}
            </button>
            <button disabled={slot.busy} onClick={slot.runWith(() => post(`${base}/slot`, { move: 'next' }))}>
              {t('live.nextSlot')}
            </button>
          </div>
          <FieldError error={slot.error} />
          <div class="row">
            {state.timer?.runningSince ? (
              <button class="secondary" disabled={timer.busy} onClick={timer.runWith(() => post(`${base}/timer`, { action: 'pause' }))}>
                {t('live.timer.pause')}
              </button>
            ) : (
              <button class="secondary" disabled={timer.busy} onClick={timer.runWith(() => post(`${base}/timer`, { action: 'start' }))}>
                {t('live.timer.start')}
              </button>
            )}
            <button class="secondary" disabled={timer.busy} onClick={timer.runWith(() => post(`${base}/timer`, { action: 'extend', minutes: 5 }))}>
              {t('live.timer.extend')}
            </button>
          </div>
          <FieldError error={timer.error} />
          <h3>{t('live.speakers')}</h3>
          <ul data-testid="console-hands">
            {state.hands.map((h) => (
              <li>
                {h.name}{' '}
                {h.status === 'waiting' ? (
                  <button disabled={hands.busy} onClick={hands.runWith(() => post(`${base}/hands/${h.id}`, { action: 'floor' }))}>
                    {t('live.giveFloor')}
                  </button>
                ) : (
                  <button class="secondary" disabled={hands.busy} onClick={hands.runWith(() => post(`${base}/hands/${h.id}`, { action: 'end' }))}>
                    {t('live.endFloor')}
                  </button>
                )}{' '}
                <button class="link" disabled={hands.busy} onClick={hands.runWith(() => post(`${base}/hands/${h.id}`, { action: 'remove' }))}>
                  {t('live.remove')}
                </button>
              </li>
            ))}
          </ul>
          <FieldError error={hands.error} />
          <form onSubmit={announce.run}>
            <label class="field">
              <span>{t('live.announce')}</span>
              <input value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={500} required />
            </label>
            <button type="submit" disabled={announce.busy}>
              {t('live.announce.send')}
            </button>
            <FieldError error={announce.error} />
          </form>
          {state.poll?.status === 'open' ? (
            <button class="secondary" disabled={poll.busy} onClick={poll.runWith(() => post(`${base}/polls/${state.poll!.id}/close`))}>
              {t('live.poll.close')}
            </button>
          ) : (
            <form onSubmit={openPoll}>
              <label class="field">
                <span>{t('live.poll.question')}</span>
                <input value={question} onInput={(e) => setQuestion(e.currentTarget.value)} maxLength={300} required />
              </label>
              <label class="field">
                <span>{t('live.poll.options')}</span>
                <textarea value={options} onInput={(e) => setOptions(e.currentTarget.value)} rows={3} required />
              </label>
              <button type="submit" disabled={poll.busy}>
                {t('live.poll.open')}
              </button>
            </form>
          )}
          <FieldError error={poll.error} />
          <p class="danger-zone">
            <ConfirmButton label={t('live.end')} confirm={t('live.end.confirm')} onConfirm={end.run} disabled={end.busy} testId="end-session" />
          </p>
          <FieldError error={end.error} />
        </>
      )}
    </section>
  );
}
