// The company's submit form: the similar-issue panel updates while typing, so a company can support
// an existing issue instead of filing a duplicate. Visibility is explained in plain words.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiError, get, post } from '../../api.js';
import { ErrorNote, Field, FieldError, OrgName, useSubmit } from '../../components/ui.js';
import { langAttr, language, LANGUAGES, t, tn } from '../../i18n/index.js';
import type { Language } from '../../api.js';
import { languageName } from '../../components/Translated.js';
import { navigate } from '../../router.js';
import { IssueTextFields, parseTags } from './IssueFields.js';
import { stateLabel, VISIBILITIES, visibilityLabel, type IssueDetail, type IssueSummary } from './model.js';

const MAX_FILES = 5;
const MAX_BYTES = 5 * 1024 * 1024;

/** Uploads files to an issue; the server checks each file's type by its content. */
export async function uploadAttachments(issueId: string, files: File[]) {
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  const res = await fetch(`/api/issues/${issueId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin' });
  if (!res.ok) {
    throw apiError(res, await res.json().catch(() => undefined));
  }
}

export function SubmitIssue() {
  const [form, setForm] = useState({
    title: '',
    body: '',
    category: 'business_environment',
    tags: '',
    desiredOutcome: '',
    language: language.value,
    visibility: 'public',
  });
  // The company's own translations into the other languages (optional): saved with the issue, in its transaction.
  const [own, setOwn] = useState<Record<Language, { title: string; body: string; desiredOutcome: string }>>({
    en: { title: '', body: '', desiredOutcome: '' },
    ja: { title: '', body: '', desiredOutcome: '' },
    zh: { title: '', body: '', desiredOutcome: '' },
  });
  const others = LANGUAGES.filter((l) => l !== form.language);
  // The fields exist only while the section is open: closed, the form has one Title field, not three.
  const [ownOpen, setOwnOpen] = useState(false);
  const setOwnField = (l: Language, k: 'title' | 'body' | 'desiredOutcome') => (e: { currentTarget: { value: string } }) =>
    setOwn({ ...own, [l]: { ...own[l], [k]: e.currentTarget.value } });
  const [files, setFiles] = useState<File[]>([]);
  const [similar, setSimilar] = useState<IssueSummary[]>([]);
  // Saving (as a draft or submitted) sends once however often it is clicked; so does supporting instead.
  const send = useSubmit();
  const support = useSubmit();
  const [supported, setSupported] = useState<string | null>(null);

  // Debounced similar-issue lookup while typing. Two characters already make a Japanese or Chinese word (通関);
  // an answer to an older text than the one typed now is dropped.
  useEffect(() => {
    if ([...form.title.trim()].length < 2) return setSimilar([]);
    let current = true;
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ title: form.title, ...(form.body.trim() ? { body: form.body.slice(0, 2000) } : {}) });
      get<IssueSummary[]>(`/api/issues/similar?${q}`).then(
        (found) => current && setSimilar(found),
        () => current && setSimilar([]),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [form.title, form.body]);

  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });

  const pickFiles = (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    if (picked.length > MAX_FILES) return send.setError(new ApiError(400, 'TOO_MANY_ATTACHMENTS', t('issues.tooManyFiles')));
    if (picked.some((f) => f.size > MAX_BYTES)) return send.setError(new ApiError(400, 'ATTACHMENT_TOO_LARGE', t('issues.fileTooLarge')));
    send.setError(null);
    setFiles(picked);
  };

  const save = (submit: boolean) =>
    send.runWith(async () => {
      const tags = parseTags(form.tags);
      // A language counts as translated once any of its fields is written; the server asks for the rest.
      // Only what the open section shows is sent (a closed section hides nothing that would be saved).
      const translations = (ownOpen ? others : [])
        .filter((l) => own[l].title.trim() || own[l].body.trim() || own[l].desiredOutcome.trim())
        .map((l) => ({
          language: l,
          title: own[l].title,
          body: own[l].body,
          ...(own[l].desiredOutcome.trim() ? { desiredOutcome: own[l].desiredOutcome } : {}),
        }));
      const draft = await post<IssueDetail>('/api/issues', { ...form, tags, submit: false, ...(translations.length ? { translations } : {}) });
      await uploadAttachments(draft.id, files);
      if (submit) await post(`/api/issues/${draft.id}/transitions`, { command: 'submit' });
      navigate(`/issues/${draft.id}`);
    });

  const supportInstead = (issue: IssueSummary) =>
    support.runWith(async () => {
      await post(`/api/issues/${issue.id}/support`, {});
      setSupported(issue.id);
    });

  return (
    <div class="submit-layout">
      <form class="card" onSubmit={save(true)}>
        <h2>{t('issues.new')}</h2>
        <IssueTextFields form={form} set={set} />
        <Field label={t('issues.language')}>
          <select value={form.language} onChange={set('language')}>
            {LANGUAGES.map((l) => (
              <option value={l}>{t(`language.${l}`)}</option>
            ))}
          </select>
        </Field>
        <details class="own-translations" data-testid="own-translations" open={ownOpen} onToggle={(e) => setOwnOpen(e.currentTarget.open)}>
          <summary>{t('issues.ownTranslations')}</summary>
          <p class="muted">{t('issues.ownTranslationsExplain')}</p>
          {ownOpen &&
            others.map((l) => (
              <fieldset lang={langAttr(l)} data-testid={`own-translation-${l}`}>
                <legend>{languageName(l)}</legend>
                <Field label={t('translations.field.title')}>
                  <input name={`title-${l}`} value={own[l].title} onInput={setOwnField(l, 'title')} />
                </Field>
                <Field label={t('translations.field.body')}>
                  <textarea name={`body-${l}`} rows={4} value={own[l].body} onInput={setOwnField(l, 'body')} />
                </Field>
                <Field label={t('translations.field.desiredOutcome')}>
                  <textarea name={`desiredOutcome-${l}`} rows={2} value={own[l].desiredOutcome} onInput={setOwnField(l, 'desiredOutcome')} />
                </Field>
              </fieldset>
            ))}
        </details>
        <fieldset class="visibility">
          <legend>{t('issues.visibility')}</legend>
          {VISIBILITIES.map((v) => (
            <label class="choice">
              <input type="radio" name="visibility" value={v} checked={form.visibility === v} onChange={set('visibility')} />
              <span>
                <strong>{visibilityLabel(v)}</strong> — {t(`visibility.${v}.explain` as Parameters<typeof t>[0])}
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t('issues.attachments')}>
          <input
            type="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => pickFiles(e.currentTarget.files)}
          />
        </Field>
        <p class="muted">{t('issues.attachmentsHint')}</p>
        <ErrorNote error={send.error} />
        <div class="row">
          <button type="submit" disabled={send.busy}>
            {t('issues.submit')}
          </button>
          <button type="button" class="secondary" disabled={send.busy} onClick={save(false)}>
            {t('issues.saveDraft')}
          </button>
        </div>
      </form>
      <aside class="card" data-testid="similar-panel" aria-live="polite">
        <h2>{t('issues.similar')}</h2>
        {!similar.length && <p class="muted">{t('issues.similarNone')}</p>}
        <ul class="plain">
          {similar.map((s) => (
            <li class="similar">
              <a href={`#/issues/${s.id}`} lang={langAttr(s.language)}>
                {s.title}
              </a>
              <div class="muted">
                {stateLabel(s.state)} · {s.company ? <OrgName names={s.company} /> : t('issues.companyHidden')} · {tn('issues.supportCount', s.supportCount)}
              </div>
              {(s.canSupport || s.supportedByUs) &&
                (supported === s.id || s.supportedByUs ? (
                  <span class="ok">{t('issues.supported')}</span>
                ) : (
                  <button type="button" class="link" disabled={support.busy} onClick={supportInstead(s)}>
                    {t('issues.supportInstead')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
        <FieldError error={support.error} />
      </aside>
    </div>
  );
}
