// The minutes of one slot: the editor (saves with the version it started from; on a conflict the
// typed text stays and the error names who saved first), and the workflow after the session:
// circulate with a comments-until date, comments, finalize, addenda, versions and a word diff.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, get, post } from '../../api.js';
import { ErrorNote, Field, FieldError, useSubmit } from '../../components/ui.js';
import { language, t, tn } from '../../i18n/index.js';
import { langAttr, TranslatedText } from '../../components/Translated.js';
import { me } from '../../session.js';
import { formatInstant, viewerZone } from '../../time.js';
import { minutesStatusLabel, personText, type Minutes, type MinutesComment, type MinutesDiff, type MinutesVersion } from './model.js';

const emptyMinutes = (roundTableId: string, slotId: string): Minutes => ({
  roundTableId,
  slotId,
  status: 'draft',
  version: 0,
  text: '',
  language: language.value,
  translation: null,
  savedAt: null,
  savedBy: null,
  commentsUntil: null,
  finalizedAt: null,
  addenda: [],
  canEdit: true,
  canComment: false,
});

export function MinutesEditor({
  roundTableId,
  slotId,
  minutes,
  onSaved,
}: {
  roundTableId: string;
  slotId: string;
  minutes: Minutes | null;
  onSaved: (m: Minutes) => void;
}) {
  const m = minutes ?? emptyMinutes(roundTableId, slotId);
  const [text, setText] = useState(m.text);
  const [base, setBase] = useState(m.version);
  const [saved, setSaved] = useState(false);
  // A newer version from elsewhere replaces the text only while nothing unsaved is typed.
  useEffect(() => {
    if (text === '' || m.version === base) {
      setText(m.text);
      setBase(m.version);
    }
  }, [m.version, slotId]);
  // "Save" and "Save over version n" share one guard: a double click saves once.
  const submit = useSubmit();
  const error = submit.error;
  const conflict = error instanceof ApiError && error.code === 'MINUTES_VERSION_CONFLICT' ? Number(error.details?.currentVersion) : null;
  const save = (baseVersion: number) =>
    submit.runWith(async () => {
      setSaved(false);
      const next = await api<Minutes>('PUT', `/api/round-tables/${roundTableId}/slots/${slotId}/minutes`, { text, baseVersion, language: language.value });
      setBase(next.version);
      setSaved(true);
      onSaved(next);
    });
  return (
    <form class="minutes-editor" data-testid="minutes-editor" onSubmit={save(base)}>
      <Field label={t('outcomes.minutesText')}>
        <textarea rows={6} value={text} onInput={(e) => (setText(e.currentTarget.value), setSaved(false))} />
      </Field>
      <ErrorNote error={error} />
      <div class="row">
        <button type="submit" disabled={submit.busy}>
          {t('outcomes.saveMinutes')}
        </button>
        {conflict !== null && (
          <button type="button" class="secondary" data-testid="minutes-overwrite" disabled={submit.busy} onClick={save(conflict)}>
            {t('outcomes.saveOver', { version: conflict })}
          </button>
        )}
        {saved && (
          <span class="muted" data-testid="minutes-saved">
            {t('outcomes.savedVersion', { version: base })}
          </span>
        )}
      </div>
    </form>
  );
}

/** The minutes as the round-table's Outcomes tab shows them, with what the viewer may do. */
export function MinutesPanel({
  roundTableId,
  slotId,
  minutes,
  staff,
  reload,
}: {
  roundTableId: string;
  slotId: string;
  minutes: Minutes | null;
  staff: boolean;
  reload: () => void;
}) {
  const [until, setUntil] = useState('');
  const [addendum, setAddendum] = useState('');
  const base = `/api/round-tables/${roundTableId}/slots/${slotId}/minutes`;
  const zone = viewerZone();
  // Circulating, finalizing and adding an addendum: one at a time, the refusal under the controls.
  const step = useSubmit();
  const act = (fn: () => Promise<unknown>) =>
    step.runWith(async () => {
      await fn();
      setAddendum('');
      reload();
    });
  if (!minutes)
    return staff ? (
      <MinutesEditor roundTableId={roundTableId} slotId={slotId} minutes={null} onSaved={reload} />
    ) : (
      <p class="muted">{t('outcomes.minutesNotYet')}</p>
    );
  return (
    <div class="minutes" data-testid="minutes">
      <p>
        <strong>{t('outcomes.minutes')}</strong>{' '}
        <span class="badge" data-testid="minutes-status">
          {minutesStatusLabel(minutes.status)}
        </span>{' '}
        {minutes.savedAt && (
          <span class="muted">
            {t('outcomes.versionBy', { version: minutes.version, who: personText(minutes.savedBy), at: formatInstant(minutes.savedAt, zone) })}
          </span>
        )}
      </p>
      {minutes.status === 'circulated' && minutes.commentsUntil && (
        <p class="muted">{t('outcomes.commentsUntil', { at: formatInstant(minutes.commentsUntil, zone) })}</p>
      )}
      {minutes.canEdit && minutes.status !== 'final' ? (
        <MinutesEditor roundTableId={roundTableId} slotId={slotId} minutes={minutes} onSaved={reload} />
      ) : (
        <TranslatedText original={{ text: minutes.text }} language={minutes.language} translation={minutes.translation}>
          {(f) => (
            <div class="minutes-text" data-testid="minutes-text">
              {f.text}
            </div>
          )}
        </TranslatedText>
      )}
      {minutes.version > 0 && (me.value?.user.role === 'organizer' || me.value?.user.role === 'official') && (
        <a class="translate-link" href={`#/translations/minutes/${slotId}`} data-testid="translate-minutes">
          {t('translations.translate')}
        </a>
      )}
      {minutes.addenda.map((a) => (
        <div class="addendum">
          <strong>{t('outcomes.addendum')}</strong>{' '}
          <span class="muted">
            {formatInstant(a.createdAt, zone)} · {personText(a.author)}
          </span>
          <div class="minutes-text" lang={langAttr(a.language)}>
            {a.text}
          </div>
        </div>
      ))}
      {staff && minutes.status !== 'final' && (
        <div class="row">
          <form class="row" onSubmit={act(() => post(`${base}/circulate`, { commentsUntil: new Date(until).toISOString() }))}>
            <Field label={t('outcomes.commentsUntilLabel')}>
              <input type="datetime-local" required value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
            </Field>
            <button type="submit" disabled={step.busy}>
              {minutes.status === 'circulated' ? t('outcomes.recirculate') : t('outcomes.circulate')}
            </button>
          </form>
          <button type="button" disabled={step.busy} onClick={act(() => post(`${base}/finalize`))} data-testid="minutes-finalize">
            {t('outcomes.finalize')}
          </button>
        </div>
      )}
      {staff && minutes.status === 'final' && (
        <form class="row" onSubmit={act(() => post(`${base}/addenda`, { text: addendum }))}>
          <Field label={t('outcomes.addendum')}>
            <textarea rows={2} required value={addendum} onInput={(e) => setAddendum(e.currentTarget.value)} />
          </Field>
          <button type="submit" disabled={step.busy}>
            {t('outcomes.addAddendum')}
          </button>
        </form>
      )}
      <FieldError error={step.error} />
      {(staff || minutes.canComment || minutes.status === 'circulated') && <Comments base={base} canComment={minutes.canComment} staff={staff} />}
      {minutes.version > 1 && <Versions base={base} latest={minutes.version} />}
    </div>
  );
}

function Comments({ base, canComment, staff }: { base: string; canComment: boolean; staff: boolean }) {
  const [comments, setComments] = useState<MinutesComment[]>([]);
  const [text, setText] = useState('');
  const load = () => get<MinutesComment[]>(`${base}/comments`).then(setComments, () => setComments([]));
  const send = useSubmit(async () => {
    await post(`${base}/comments`, { text });
    setText('');
    await load();
  });
  useEffect(() => void load(), [base]);
  const zone = viewerZone();
  if (!staff && !canComment && !comments.length) return null;
  return (
    <section class="comments">
      <h4>{t('outcomes.comments')}</h4>
      <ul class="plain">
        {comments.map((c) => (
          <li>
            <span class="muted">
              {formatInstant(c.createdAt, zone)} · {personText(c.author)}
            </span>
            <div lang={langAttr(c.language)}>{c.text}</div>
          </li>
        ))}
      </ul>
      {canComment && (
        <form class="row" onSubmit={send.run}>
          <Field label={t('outcomes.comment')}>
            <textarea rows={2} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </Field>
          <button type="submit" disabled={send.busy}>
            {t('outcomes.sendComment')}
          </button>
        </form>
      )}
      <FieldError error={send.error} />
    </section>
  );
}

function Versions({ base, latest }: { base: string; latest: number }) {
  const [versions, setVersions] = useState<MinutesVersion[]>([]);
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [diff, setDiff] = useState<MinutesDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const zone = viewerZone();
  return (
    <details
      class="versions"
      onToggle={(e) => {
        if (e.currentTarget.open && !versions.length) get<MinutesVersion[]>(`${base}/versions`).then(setVersions, setError);
      }}
    >
      <summary>{tn('outcomes.versions', latest)}</summary>
      <ul class="plain">
        {versions.map((v) => (
          <li>{t('outcomes.versionBy', { version: v.n, who: personText(v.savedBy), at: formatInstant(v.savedAt, zone) })}</li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            setDiff(await get<MinutesDiff>(`${base}/diff?from=${from}&to=${to}`));
          } catch (err) {
            setError(err);
          }
        }}
      >
        <Field label={t('outcomes.diffFrom')}>
          <input type="number" min={1} max={latest} value={from} onInput={(e) => setFrom(Number(e.currentTarget.value))} />
        </Field>
        <Field label={t('outcomes.diffTo')}>
          <input type="number" min={1} max={latest} value={to} onInput={(e) => setTo(Number(e.currentTarget.value))} />
        </Field>
        <button type="submit">{t('outcomes.compare')}</button>
      </form>
      <ErrorNote error={error} />
      {diff && (
        <div class="diff" data-testid="minutes-diff">
          <p class="muted">{t('outcomes.diffSummary', { inserted: diff.inserted, deleted: diff.deleted })}</p>
          <p class="minutes-text">{diff.parts.map((p) => (p.op === 'insert' ? <ins>{p.text}</ins> : p.op === 'delete' ? <del>{p.text}</del> : p.text))}</p>
        </div>
      )}
    </details>
  );
}
