// The chair console: its own view (#/live/:id/console) for the chair and the host's officials, to
// start the session, move through the slots, run the countdown, the speakers queue, announcements
// and polls, and end it (after a confirmation). Attendees follow the same state on LivePage.
import { useRef, useState } from 'preact/hooks';
import { post } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNote, FieldError, LocalTitle } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { SlotRecorder } from '../outcomes/Outcomes.js';
import { ConnectionBadge, LiveLoading, PollCard } from './LivePage.js';
import { clock, remainingMs, type LiveState } from './model.js';
import { useLive, type Act } from './useLive.js';

export function ChairConsole({ id }: { id: string }) {
  const { rt, state, serverNow, error, act, base } = useLive(id);
  if (!state || !rt) {
    return <LiveLoading error={error} />;
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
          {state.poll && <PollCard poll={state.poll} base={base} act={act} />}
          <ConsoleControls state={state} base={base} act={act} />
          {state.status === 'live' && current && <SlotRecorder id={id} slotId={current.id} />}
        </>
      )}
    </main>
  );
}

/** Runs a console command and keeps its refusal beside the control group that sent it. A group's buttons
 *  are disabled while its command is in flight: a second click would otherwise be dropped silently (the live
 *  event can arrive before the HTTP answer, so the chair may click "Next slot" again too soon). */
function useGroupErrors() {
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const busy = useRef(new Set<string>());
  const mark = () => setPending(new Set(busy.current));
  const at =
    (group: string, fn: () => Promise<unknown>) =>
    async (e?: Event): Promise<void> => {
      e?.preventDefault();
      if (busy.current.has(group)) return; // a double click sends the command once
      busy.current.add(group);
      mark();
      setErrors((prev) => ({ ...prev, [group]: null }));
      try {
        await fn();
      } catch (err) {
        setErrors((prev) => ({ ...prev, [group]: err }));
      } finally {
        busy.current.delete(group);
        mark();
      }
    };
  const show = (group: string) => <FieldError error={errors[group]} />;
  return { at, show, busy: (group: string) => pending.has(group) };
}

function ConsoleControls({ state, base }: { state: LiveState; base: string; act: Act }) {
  const { at, show, busy } = useGroupErrors();
  const [text, setText] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const running = state.status === 'live';
  return (
    <section class="card console" data-testid="chair-console">
      <h2>{t('live.console')}</h2>
      {state.status === 'scheduled' && (
        <button disabled={busy('start')} onClick={at('start', () => post(`${base}/start`))}>
          {t('live.start')}
        </button>
      )}
      {show('start')}
      {running && (
        <>
          <div class="row">
            <button class="secondary" disabled={busy('slot')} onClick={at('slot', () => post(`${base}/slot`, { move: 'previous' }))}>
              {t('live.previous')}
            </button>
            <button disabled={busy('slot')} onClick={at('slot', () => post(`${base}/slot`, { move: 'next' }))}>
              {t('live.nextSlot')}
            </button>
          </div>
          {show('slot')}
          <div class="row">
            {state.timer?.runningSince ? (
              <button class="secondary" disabled={busy('timer')} onClick={at('timer', () => post(`${base}/timer`, { action: 'pause' }))}>
                {t('live.timer.pause')}
              </button>
            ) : (
              <button class="secondary" disabled={busy('timer')} onClick={at('timer', () => post(`${base}/timer`, { action: 'start' }))}>
                {t('live.timer.start')}
              </button>
            )}
            <button class="secondary" disabled={busy('timer')} onClick={at('timer', () => post(`${base}/timer`, { action: 'extend', minutes: 5 }))}>
              {t('live.timer.extend')}
            </button>
          </div>
          {show('timer')}
          <h3>{t('live.speakers')}</h3>
          <ul data-testid="console-hands">
            {state.hands.map((h) => (
              <li>
                {h.name}{' '}
                {h.status === 'waiting' ? (
                  <button disabled={busy('hands')} onClick={at('hands', () => post(`${base}/hands/${h.id}`, { action: 'floor' }))}>
                    {t('live.giveFloor')}
                  </button>
                ) : (
                  <button class="secondary" disabled={busy('hands')} onClick={at('hands', () => post(`${base}/hands/${h.id}`, { action: 'end' }))}>
                    {t('live.endFloor')}
                  </button>
                )}{' '}
                <button class="link" disabled={busy('hands')} onClick={at('hands', () => post(`${base}/hands/${h.id}`, { action: 'remove' }))}>
                  {t('live.remove')}
                </button>
              </li>
            ))}
          </ul>
          {show('hands')}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void at('announce', async () => {
                await post(`${base}/announcements`, { text });
                setText('');
              })();
            }}
          >
            <label class="field">
              <span>{t('live.announce')}</span>
              <input value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={500} required />
            </label>
            <button type="submit" disabled={busy('announce')}>
              {t('live.announce.send')}
            </button>
            {show('announce')}
          </form>
          {state.poll?.status === 'open' ? (
            <button class="secondary" disabled={busy('poll')} onClick={at('poll', () => post(`${base}/polls/${state.poll!.id}/close`))}>
              {t('live.poll.close')}
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const list = options
                  .split('\n')
                  .map((o) => o.trim())
                  .filter(Boolean);
                void at('poll', async () => {
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
              <button type="submit" disabled={busy('poll')}>
                {t('live.poll.open')}
              </button>
            </form>
          )}
          {show('poll')}
          <p class="danger-zone">
            <ConfirmButton label={t('live.end')} confirm={t('live.end.confirm')} onConfirm={at('end', () => post(`${base}/end`))} testId="end-session" />
          </p>
          {show('end')}
        </>
      )}
    </section>
  );
}
