// One action item: owner, due date with days left (overdue badge), status, progress bar and the
// dated progress updates; for staff and the owner organization, the status moves and a progress form.
import { langAttr, TranslatedText, WithWritten } from '../../components/Translated.js';
import { useState } from 'preact/hooks';
import { patch, post } from '../../api.js';
import { Field, FieldError, OrgName, useSubmit } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { formatInstant, viewerZone } from '../../time.js';
import { actionStatusLabel, daysLeftText, formatDate, NEXT_STATUS, personText, type Action, type ActionStatus } from './model.js';

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  return (
    <span class="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? t('outcomes.progress')}>
      <span class="progress-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      <span class="progress-text">{percent}%</span>
    </span>
  );
}

export function OverdueBadge({ action }: { action: Pick<Action, 'overdue' | 'daysLeft' | 'status'> }) {
  if (action.overdue)
    return (
      <span class="badge overdue" data-testid="overdue">
        {t('outcomes.overdue')}
      </span>
    );
  if (action.status === 'done' || action.status === 'dropped') return null;
  return <span class="muted">{daysLeftText(action.daysLeft)}</span>;
}

export function ActionCard({ action, onChange }: { action: Action; onChange: (a: Action) => void }) {
  const [reason, setReason] = useState('');
  const [dropping, setDropping] = useState(false);
  const [percent, setPercent] = useState(action.percent);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const official = me.value?.user.role === 'official';
  const zone = viewerZone();
  // Status moves (and dropping) and progress reports: each group sends once at a time, its refusal beside it.
  const status = useSubmit();
  const progress = useSubmit(async () => {
    onChange(await post<Action>(`/api/actions/${action.id}/progress`, { percent, publicText: text, ...(official && note ? { internalNote: note } : {}) }));
    setText('');
    setNote('');
    setDropping(false);
  });
  const move = (next: ActionStatus) =>
    status.runWith(async () => {
      onChange(await patch<Action>(`/api/actions/${action.id}`, next === 'dropped' ? { status: next, reason } : { status: next }));
      setText('');
      setNote('');
      setDropping(false);
    });
  return (
    <li class="action" data-testid="action" data-status={action.status}>
      <div class="action-head">
        <TranslatedText original={{ description: action.description }} language={action.language} translation={action.translation}>
          {(f) => <strong>{f.description}</strong>}
        </TranslatedText>{' '}
        <span class={`badge status-${action.status}`} data-testid="action-status">
          {actionStatusLabel(action.status)}
        </span>{' '}
        <OverdueBadge action={action} />
      </div>
      <div class="muted">
        {t('outcomes.owner')}: {action.ownerOrganization ? <OrgName names={action.ownerOrganization} /> : t('outcomes.ownerHidden')}
        {action.ownerUser && ` · ${action.ownerUser.displayName}`} · {t('outcomes.due')}:{' '}
        <span data-testid="action-due" data-date={action.dueDate}>
          {formatDate(action.dueDate)}
        </span>
      </div>
      <ProgressBar percent={action.percent} />
      {action.droppedReason && (
        <p class="muted" data-testid="dropped-reason">
          <WithWritten message="outcomes.droppedBecause" param="reason" text={action.droppedReason} lang={action.droppedReasonLanguage} />
        </p>
      )}
      {action.progress.length > 0 && (
        <ol class="plain progress-updates">
          {action.progress.map((p) => (
            <li>
              <span class="muted">{formatInstant(p.createdAt, zone)}</span> · {p.percent}% · <span lang={langAttr(p.language)}>{p.publicText}</span>{' '}
              <span class="muted">— {personText(p.author)}</span>
              {p.internalNote && (
                <div class="internal">
                  {t('outcomes.internalNote')}: <span lang={langAttr(p.language)}>{p.internalNote}</span>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {action.canUpdate && (
        <div class="action-controls">
          <div class="row">
            {NEXT_STATUS[action.status]
              .filter((s) => s !== 'dropped')
              .map((s) => (
                <button type="button" disabled={status.busy} onClick={move(s)} data-testid={`action-${s}`}>
                  {t(`outcomes.move.${s}` as 'outcomes.move.done')}
                </button>
              ))}
            <button type="button" class="secondary" disabled={status.busy} onClick={() => setDropping(!dropping)}>
              {t('outcomes.move.dropped')}
            </button>
          </div>
          {dropping && (
            <form class="row" onSubmit={move('dropped')}>
              <Field label={t('outcomes.dropReason')}>
                <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
              </Field>
              <button type="submit" disabled={status.busy}>
                {t('outcomes.drop.confirm')}
              </button>
            </form>
          )}
          <FieldError error={status.error} />
          <form class="row" onSubmit={progress.run}>
            <Field label={t('outcomes.percent')}>
              <input type="number" min={0} max={100} required value={percent} onInput={(e) => setPercent(Number(e.currentTarget.value))} />
            </Field>
            <Field label={t('outcomes.publicText')}>
              <input value={text} required onInput={(e) => setText(e.currentTarget.value)} />
            </Field>
            {official && (
              <Field label={t('outcomes.internalNote')}>
                <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
              </Field>
            )}
            <button type="submit" disabled={progress.busy}>
              {t('outcomes.reportProgress')}
            </button>
          </form>
          <FieldError error={progress.error} />
        </div>
      )}
    </li>
  );
}
