// One issue. Everyone sees what the server lets them see; officials get the review console
// (transitions, answer, merge, clarification thread), the author company its timeline and thread.
import { useEffect, useState } from 'preact/hooks';
import { api, del, get, post } from '../../api.js';
import { Awaiting, ErrorNote, Field, FieldError, OrgName, useSubmit } from '../../components/ui.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { language, t, tn } from '../../i18n/index.js';
import { langAttr, pick, TranslatedText, TranslationNote, type Translation } from '../../components/Translated.js';
import { me } from '../../session.js';
import { formatInstant, viewerZone } from '../../time.js';
import {
  categoryLabel,
  stateLabel,
  VISIBILITIES,
  visibilityLabel,
  type HistoryEntry,
  type IssueDetail as Detail,
  type IssueSummary,
  type Page,
} from './model.js';
import { IssueTextFields, parseTags } from './IssueFields.js';
import { uploadAttachments } from './SubmitIssue.js';
import { Chain } from '../outcomes/Chain.js';
import { IssuePlacement } from './Placement.js';

const REVIEW_COMMANDS = ['start_review', 'accept', 'decline', 'await_action', 'resolve', 'submit', 'withdraw'];
/** Commands that end an issue's way: behind a confirmation, apart from the constructive ones. */
const DESTRUCTIVE = ['decline', 'withdraw'];

function Timeline({ history }: { history: HistoryEntry[] }) {
  const zone = viewerZone();
  return (
    <ol class="timeline" data-testid="timeline">
      {history.map((h) => (
        <li>
          <span class="muted">{formatInstant(h.createdAt, zone)}</span>{' '}
          {h.kind === 'transition' && h.toState ? (
            <strong>{stateLabel(h.toState)}</strong>
          ) : (
            <strong>{t(`history.${h.kind}` as Parameters<typeof t>[0])}</strong>
          )}
          {h.actorName && <span> · {h.actorName}</span>}
          {h.reason && <span class="muted"> — {h.reason}</span>}
        </li>
      ))}
    </ol>
  );
}

interface Message {
  id: string;
  authorName: string;
  fromOfficials: boolean;
  body: string;
  language: string;
  translation: Translation | null;
  createdAt: string;
  readAt: string | null;
}

/** A link to translate a text, for those who may (organizers, officials, the author company). */
function TranslateLink({ kind, id }: { kind: string; id: string }) {
  return (
    <a class="translate-link" href={`#/translations/${kind}/${id}`} data-testid={`translate-${kind}`}>
      {t('translations.translate')}
    </a>
  );
}

function Thread({ issueId, canTranslate }: { issueId: string; canTranslate: boolean }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Opening the thread marks the other side's messages read (a POST: reading the thread changes nothing).
  const load = () =>
    post(`/api/issues/${issueId}/messages/read`, {})
      .then(() => get<Message[]>(`/api/issues/${issueId}/messages`))
      .then(setMessages, setError);
  useEffect(() => void load(), [issueId, language.value]);
  const send = useSubmit(async () => {
    await post(`/api/issues/${issueId}/messages`, { body: text });
    setText('');
    await load();
  });
  const zone = viewerZone();
  return (
    <section class="card">
      <h2>{t('issues.thread')}</h2>
      <p class="muted">{t('issues.threadExplain')}</p>
      <ul class="plain">
        {messages.map((m) => (
          <li class={m.fromOfficials ? 'msg officials' : 'msg company'}>
            <strong>{m.authorName}</strong> <span class="muted">{formatInstant(m.createdAt, zone)}</span>
            <TranslatedText original={{ body: m.body }} language={m.language} translation={m.translation}>
              {(f) => <div class="prewrap">{f.body}</div>}
            </TranslatedText>
            <small class="muted">{m.readAt ? t('issues.read') : t('issues.unread')}</small>
            {canTranslate && (
              <>
                {' '}
                <TranslateLink kind="message" id={m.id} />
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      <form class="row" onSubmit={send.run}>
        <Field label={t('issues.message')}>
          <textarea rows={2} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <FieldError error={send.error} />
        </Field>
        <button type="submit" disabled={send.busy}>
          {t('issues.send')}
        </button>
      </form>
    </section>
  );
}

function Console({ issue, reload }: { issue: Detail; reload: (d: Detail) => void }) {
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState({
    text: issue.answer?.text ?? '',
    department: issue.answer?.department ?? '',
    timeFrame: issue.answer?.timeFrame ?? '',
    hold: false,
  });
  const [primaryId, setPrimaryId] = useState('');
  const [candidates, setCandidates] = useState<IssueSummary[]>([]);
  useEffect(() => {
    get<Page<IssueSummary>>('/api/issues/queue?limit=100&state=submitted&state=under_review&state=accepted&state=scheduled').then(
      (p) => setCandidates(p.items.filter((i) => i.id !== issue.id && !i.mergedIntoId)),
      () => {},
    );
  }, [issue.id]);
  // Every console command changes the issue: one at a time (a double click sends once), its refusal
  // shown beside the group of controls that sent it.
  const command = useSubmit();
  const [failedAt, setFailedAt] = useState<'review' | 'merge' | 'unmerge'>('review');
  const run = (group: typeof failedAt, fn: () => Promise<Detail>) =>
    command.runWith(async () => {
      setFailedAt(group);
      reload(await fn());
      setReason('');
    });
  const errorAt = (group: typeof failedAt) => (failedAt === group ? <FieldError error={command.error} /> : null);
  const hasAnswer = answer.text.trim() && answer.department.trim() && answer.timeFrame.trim();
  const transition = (cmd: string) =>
    run('review', () =>
      post<Detail>(`/api/issues/${issue.id}/transitions`, {
        command: cmd,
        ...(reason ? { reason } : {}),
        ...(cmd === 'accept' && hasAnswer ? { answer } : {}),
      }),
    );
  return (
    <section class="card" data-testid="console">
      <h2>{t('issues.review')}</h2>
      <Field label={t('issues.reason')}>
        <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <h3>{t('issues.answer')}</h3>
      <Field label={t('issues.answerText')}>
        <textarea rows={3} value={answer.text} onInput={(e) => setAnswer({ ...answer, text: e.currentTarget.value })} />
      </Field>
      <div class="row">
        <Field label={t('issues.department')}>
          <input value={answer.department} onInput={(e) => setAnswer({ ...answer, department: e.currentTarget.value })} />
        </Field>
        <Field label={t('issues.timeFrame')}>
          <input value={answer.timeFrame} onInput={(e) => setAnswer({ ...answer, timeFrame: e.currentTarget.value })} />
        </Field>
        <label class="choice">
          <input type="checkbox" checked={answer.hold} onChange={(e) => setAnswer({ ...answer, hold: e.currentTarget.checked })} />
          <span>{t('issues.hold')}</span>
        </label>
      </div>
      <div class="row">
        {issue.commands
          .filter((c) => REVIEW_COMMANDS.includes(c) && !DESTRUCTIVE.includes(c))
          .map((c) => (
            <button type="button" disabled={command.busy} onClick={transition(c)}>
              {c === 'accept' && hasAnswer ? t('issues.cmd.acceptWithAnswer') : t(`issues.cmd.${c}` as Parameters<typeof t>[0])}
            </button>
          ))}
        {!['draft', 'withdrawn'].includes(issue.state) && (
          <button
            type="button"
            class="secondary"
            disabled={!hasAnswer || command.busy}
            onClick={run('review', () => api<Detail>('PUT', `/api/issues/${issue.id}/answer`, answer))}
          >
            {t('issues.saveAnswer')}
          </button>
        )}
      </div>
      {issue.commands.some((c) => DESTRUCTIVE.includes(c)) && (
        <div class="row danger-zone">
          {issue.commands
            .filter((c) => DESTRUCTIVE.includes(c))
            .map((c) => (
              <ConfirmButton
                label={t(`issues.cmd.${c}` as Parameters<typeof t>[0])}
                confirm={t(`issues.confirm.${c}` as Parameters<typeof t>[0], { title: issue.title })}
                onConfirm={transition(c)}
                disabled={command.busy}
                testId={`cmd-${c}`}
              />
            ))}
        </div>
      )}
      {errorAt('review')}
      {issue.commands.includes('merge') && (
        <form class="row" onSubmit={run('merge', () => post<Detail>(`/api/issues/${issue.id}/merge`, { primaryId, ...(reason ? { reason } : {}) }))}>
          <Field label={t('issues.mergeInto')}>
            <select value={primaryId} onChange={(e) => setPrimaryId(e.currentTarget.value)} required>
              <option value="">—</option>
              {candidates.map((c) => (
                <option value={c.id}>{c.title}</option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={command.busy}>
            {t('issues.cmd.merge')}
          </button>
          <span class="muted small">{t('issues.merge.undo')}</span>
          {errorAt('merge')}
        </form>
      )}
      {issue.commands.includes('unmerge') && (
        <button type="button" disabled={command.busy} onClick={run('unmerge', () => post<Detail>(`/api/issues/${issue.id}/unmerge`, reason ? { reason } : {}))}>
          {t('issues.cmd.unmerge')}
        </button>
      )}
      {issue.commands.includes('unmerge') && errorAt('unmerge')}
      {issue.commands.includes('unmerge') && <p class="muted small">{t('issues.unmerge.note')}</p>}
    </section>
  );
}

/** The author company edits until review starts; the server keeps every version in the history. */
function EditIssue({ issue, done }: { issue: Detail; done: (d: Detail) => void }) {
  const [form, setForm] = useState({
    title: issue.title,
    body: issue.body,
    category: issue.category,
    tags: issue.tags.join(', '),
    desiredOutcome: issue.desiredOutcome,
    visibility: issue.visibility,
  });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const save = useSubmit(async () => {
    const tags = parseTags(form.tags);
    const { visibility, ...rest } = form;
    done(await api<Detail>('PATCH', `/api/issues/${issue.id}`, { ...rest, tags, ...(issue.state === 'draft' ? { visibility } : {}) }));
  });
  return (
    <form class="card" onSubmit={save.run}>
      <IssueTextFields form={form} set={set} />
      {issue.state === 'draft' && (
        <Field label={t('issues.visibility')}>
          <select value={form.visibility} onChange={set('visibility')}>
            {VISIBILITIES.map((v) => (
              <option value={v}>{visibilityLabel(v)}</option>
            ))}
          </select>
        </Field>
      )}
      <FieldError error={save.error} />
      <button type="submit" disabled={save.busy}>
        {t('issues.saveChanges')}
      </button>
    </form>
  );
}

export function IssueDetail({ id }: { id: string }) {
  const [issue, setIssue] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const user = me.value?.user;
  const reload = () => get<Detail>(`/api/issues/${id}`).then(setIssue, setError);
  useEffect(() => void reload(), [id, language.value]);
  // The company's commands (submit, support, withdraw) and the attachments: each group sends once at a
  // time, its refusal beside it.
  const company = useSubmit();
  const files = useSubmit();
  if (!issue) return <Awaiting error={error} onRetry={() => (setError(null), reload())} />;
  const zone = viewerZone();
  const official = user?.role === 'official';
  const act = (fn: () => Promise<Detail>) => company.runWith(async () => setIssue(await fn()));
  const editable = issue.mine && ['draft', 'submitted'].includes(issue.state);
  const translator = user?.role === 'organizer' || official || issue.mine;
  const shown = pick({ title: issue.title, body: issue.body, desiredOutcome: issue.desiredOutcome }, issue.language, issue.translation, showOriginal);
  const addFiles = (picked: FileList | null) => {
    const list = Array.from(picked ?? []);
    return files.runWith(async () => {
      await uploadAttachments(issue.id, list);
      await reload();
    })();
  };
  const removeFile = (attachmentId: string) =>
    files.runWith(async () => {
      await del(`/api/issues/${issue.id}/attachments/${attachmentId}`);
      await reload();
    });
  return (
    <article>
      <h1 data-testid="issue-title" lang={langAttr(shown.lang)}>
        {shown.fields.title}
      </h1>
      <TranslationNote shown={shown} originalLanguage={issue.language} translation={issue.translation} toggle={() => setShowOriginal(!showOriginal)} />
      {translator && issue.state !== 'draft' && <TranslateLink kind="issue" id={issue.id} />}
      {editable && (
        <button class="secondary" onClick={() => setEditing(!editing)}>
          {t('issues.edit')}
        </button>
      )}
      {editing && editable && <EditIssue issue={issue} done={(d) => (setIssue(d), setEditing(false))} />}
      <p>
        <span class={`state state-${issue.state}`} data-testid="issue-state">
          {stateLabel(issue.state)}
        </span>{' '}
        <span class="badge">{categoryLabel(issue.category)}</span> <span class="badge">{visibilityLabel(issue.visibility)}</span>{' '}
        {issue.company ? <OrgName names={issue.company} /> : <span class="muted">{t('issues.companyHidden')}</span>} ·{' '}
        {tn('issues.supportCount', issue.supportCount)}
      </p>
      <IssuePlacement issue={issue} />
      {issue.mergedInto && (
        <p class="muted">
          {t('issues.mergedInto')} {issue.mergedInto.title ? <a href={`#/issues/${issue.mergedInto.id}`}>{issue.mergedInto.title}</a> : '—'}
        </p>
      )}
      <section class="card">
        <p class="prewrap" lang={langAttr(shown.lang)} data-testid="issue-body">
          {shown.fields.body}
        </p>
        {issue.desiredOutcome && (
          <>
            <h3>{t('issues.desiredOutcome')}</h3>
            <p class="prewrap" lang={langAttr(shown.lang)}>
              {shown.fields.desiredOutcome}
            </p>
          </>
        )}
        {issue.tags.length > 0 && (
          <p>
            {issue.tags.map((tag) => (
              <span class="badge">{tag}</span>
            ))}
          </p>
        )}
        {issue.attachments.length > 0 && (
          <ul class="plain">
            {issue.attachments.map((a) => (
              <li>
                <a href={`/api/issues/${issue.id}/attachments/${a.id}`}>{a.filename}</a>{' '}
                <span class="muted">{t('issues.attachmentSize', { size: Math.ceil(a.size / 1024) })}</span>
                {editable && (
                  <>
                    {' '}
                    <ConfirmButton
                      label={t('issues.removeFile')}
                      confirm={t('issues.removeFile.confirm', { name: a.filename })}
                      onConfirm={removeFile(a.id)}
                      disabled={files.busy}
                      buttonClass="danger small"
                      testId={`remove-${a.id}`}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && issue.attachments.length < 5 && (
          <Field label={t('issues.addFiles')}>
            <input type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx" disabled={files.busy} onChange={(e) => void addFiles(e.currentTarget.files)} />
          </Field>
        )}
        <FieldError error={files.error} />
      </section>
      {issue.answer && (
        <section class="card answer" data-testid="answer">
          <h2>{t('issues.officialAnswer')}</h2>
          {!issue.answer.releasedAt && <p class="badge">{t('issues.pending')}</p>}
          <TranslatedText original={{ text: issue.answer.text }} language={issue.answer.language} translation={issue.answer.translation}>
            {(f) => <p class="prewrap">{f.text}</p>}
          </TranslatedText>
          <p class="muted" lang={langAttr(issue.answer.language)}>
            {issue.answer.department} · {issue.answer.timeFrame}
          </p>
          {translator && <TranslateLink kind="answer" id={issue.id} />}
        </section>
      )}
      {user?.role === 'company_rep' && (
        <div class="row">
          {issue.commands.includes('submit') && (
            <button disabled={company.busy} onClick={act(() => post(`/api/issues/${issue.id}/transitions`, { command: 'submit' }))}>
              {t('issues.cmd.submit')}
            </button>
          )}
          {issue.canSupport && !issue.supportedByUs && (
            <button disabled={company.busy} onClick={act(() => post(`/api/issues/${issue.id}/support`, {}))}>
              {t('issues.support')}
            </button>
          )}
          {issue.supportedByUs && (
            <ConfirmButton
              label={t('issues.unsupport')}
              confirm={t('issues.unsupport.confirm', { title: issue.title })}
              undo={t('issues.unsupport.undo')}
              onConfirm={act(() => del(`/api/issues/${issue.id}/support`))}
              disabled={company.busy}
              buttonClass="secondary"
              testId="unsupport"
            />
          )}
        </div>
      )}
      {user?.role === 'company_rep' && issue.commands.includes('withdraw') && (
        <div class="row danger-zone">
          <ConfirmButton
            label={t('issues.cmd.withdraw')}
            confirm={t('issues.confirm.withdraw', { title: issue.title })}
            onConfirm={act(() => post(`/api/issues/${issue.id}/transitions`, { command: 'withdraw' }))}
            disabled={company.busy}
            testId="withdraw-issue"
          />
        </div>
      )}
      <FieldError error={company.error} />
      <ErrorNote error={error} />
      {official && <Console issue={issue} reload={setIssue} />}
      {issue.supporters.length > 0 && (
        <section class="card">
          <h2>{t('issues.supporters')}</h2>
          <ul class="plain">
            {issue.supporters.map((s) => (
              <li>
                {s.company ? <OrgName names={s.company} /> : t('issues.companyHidden')} {s.comment && <span class="muted">— {s.comment}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {issue.merged.length > 0 && (
        <section class="card">
          <h2>{t('issues.mergedHere')}</h2>
          {issue.merged.map((m) => (
            <details>
              <summary>
                <span lang={langAttr(m.language)}>{m.title}</span> <span class="badge">{visibilityLabel(m.visibility)}</span>{' '}
                {m.company ? <OrgName names={m.company} /> : t('issues.companyHidden')}
              </summary>
              <p class="prewrap" lang={langAttr(m.language)}>
                {m.body}
              </p>
              <Timeline history={m.history} />
            </details>
          ))}
        </section>
      )}
      {issue.state !== 'draft' && <Chain issueId={issue.id} onChange={() => void reload()} />}
      <section class="card">
        <h2>{t('issues.timeline')}</h2>
        <Timeline history={issue.history} />
        <p class="muted">{t('issues.updated', { at: formatInstant(issue.stateChangedAt, zone) })}</p>
      </section>
      {(official || issue.mine) && issue.state !== 'draft' && <Thread issueId={issue.id} canTranslate />}
    </article>
  );
}
