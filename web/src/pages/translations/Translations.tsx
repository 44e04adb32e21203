// The translators' screens: the queue of texts lacking a translation into a language readers need (organizers,
// officials), most urgent first, and the form that translates one text side by side with its original.
import { useEffect, useState } from 'preact/hooks';
import { api, get, type Language } from '../../api.js';
import { Awaiting, Field, FieldError, StateView, useLoad, useSubmit } from '../../components/ui.js';
import { langAttr, languageName } from '../../components/Translated.js';
import { LANGUAGES, language, t, type MessageKey } from '../../i18n/index.js';
import { navigate, route } from '../../router.js';
import { formatInstant, viewerZone } from '../../time.js';

type Kind = 'issue' | 'answer' | 'message' | 'decision' | 'action' | 'minutes' | 'roundtable' | 'roundtable_description' | 'agenda_item';

interface QueueItem {
  kind: Kind;
  id: string;
  issueId: string | null;
  roundTableId: string | null;
  title: string;
  sourceLanguage: Language;
  missing: Language[];
  stale: Language[];
  urgency: 'review' | 'roundtable' | 'follow_up';
  urgentAt: string | null;
  excerpt: string;
}

interface TextTranslations {
  kind: Kind;
  id: string;
  issueId: string | null;
  roundTableId: string | null;
  title: string;
  original: { language: Language; fields: Record<string, string>; sourceHash: string };
  mayTranslate: boolean;
  translations: {
    id: string;
    language: Language;
    translatedFrom: Language;
    current: boolean;
    machine: boolean;
    translatedAt: string;
    translatorName: string | null;
    fields: Record<string, string>;
  }[];
}

const kindLabel = (kind: string) => t(`translations.kind.${kind}` as MessageKey);
const fieldLabel = (field: string) => t(`translations.field.${field}` as MessageKey);

export function TranslationQueue() {
  const [only, setOnly] = useState<Language | ''>('');
  const queue = useLoad(() => get<QueueItem[]>(`/api/translations/queue${only ? `?language=${only}` : ''}`), [only, language.value]);
  const items = queue.data ?? [];
  const zone = viewerZone();
  return (
    <main>
      <h1>{t('translations.queue')}</h1>
      <p class="muted">{t('translations.queueExplain')}</p>
      <Field label={t('translations.into')}>
        <select value={only} onChange={(e) => setOnly(e.currentTarget.value as Language | '')}>
          <option value="">{t('translations.anyLanguage')}</option>
          {LANGUAGES.map((l) => (
            <option value={l}>{languageName(l)}</option>
          ))}
        </select>
      </Field>
      <StateView
        loading={queue.loading}
        error={queue.error}
        onRetry={queue.reload}
        empty={!items.length}
        filtered={!!only}
        emptyText={t('translations.queueEmpty')}
      >
        <table class="list" data-testid="translation-queue">
          <thead>
            <tr>
              <th>{t('translations.urgency')}</th>
              <th>{t('translations.text')}</th>
              <th>{t('translations.from')}</th>
              <th>{t('translations.needed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const target = only || item.missing[0] || item.stale[0]!;
              const href = `#/translations/${item.kind}/${item.id}?to=${target}`;
              return (
                <tr data-testid="translation-queue-item">
                  <td>
                    {t(`translations.urgency.${item.urgency}` as MessageKey)}
                    {item.urgentAt && <div class="muted">{formatInstant(item.urgentAt, zone)}</div>}
                  </td>
                  <td>
                    <span class="badge">{kindLabel(item.kind)}</span>{' '}
                    <a href={item.issueId ? `#/issues/${item.issueId}` : `#/round-tables/${item.roundTableId}`} lang={langAttr(item.sourceLanguage)}>
                      {item.title}
                    </a>
                    {item.kind !== 'issue' && (
                      <div class="muted" lang={langAttr(item.sourceLanguage)}>
                        {item.excerpt}
                      </div>
                    )}
                  </td>
                  <td>{languageName(item.sourceLanguage)}</td>
                  <td>
                    {item.missing.map((l) => (
                      <span class="badge">{languageName(l)}</span>
                    ))}
                    {item.stale.map((l) => (
                      <span class="badge stale">{t('translations.staleBadge', { language: languageName(l) })}</span>
                    ))}
                  </td>
                  <td>
                    <a class="button" href={href}>
                      {t('translations.translate')}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </StateView>
    </main>
  );
}

export function TranslateText({ kind, id }: { kind: string; id: string }) {
  const wanted = new URLSearchParams(route.value.split('?')[1] ?? '').get('to');
  const [text, setText] = useState<TextTranslations | null>(null);
  const [target, setTarget] = useState<Language | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const choose = (data: TextTranslations, lang: Language) => {
    setTarget(lang);
    const existing = data.translations.find((tr) => tr.language === lang);
    setFields(Object.fromEntries(Object.keys(data.original.fields).map((f) => [f, existing?.fields[f] ?? ''])));
  };
  const load = () =>
    get<TextTranslations>(`/api/translations/${kind}/${id}`).then((data) => {
      setText(data);
      const targets = LANGUAGES.filter((l) => l !== data.original.language);
      const first =
        (wanted && targets.find((l) => l === wanted)) || targets.find((l) => !data.translations.some((tr) => tr.language === l && tr.current)) || targets[0]!;
      choose(data, first);
    }, setError);
  useEffect(() => void load(), [kind, id]);
  // Saving sends once however often it is clicked; the refusal shows beside the button.
  const save = useSubmit(async () => {
    setSaved(false);
    const data = await api<TextTranslations>('PUT', `/api/translations/${kind}/${id}/${target}`, { fields, basedOn: text!.original.sourceHash });
    setText(data);
    setSaved(true);
  });
  if (!text || !target) {
    return (
      <main>
        <Awaiting error={error} onRetry={() => (setError(null), load())} />
      </main>
    );
  }

  const source = text.original.language;
  const existing = text.translations.find((tr) => tr.language === target);
  const zone = viewerZone();
  const back = text.issueId ? `#/issues/${text.issueId}` : `#/round-tables/${text.roundTableId}`;
  // Empty original fields (e.g. no desired outcome) need no translation.
  const shownFields = Object.keys(text.original.fields).filter((f) => text.original.fields[f]);
  return (
    <main>
      <h1>{t('translations.translateTitle', { kind: kindLabel(kind) })}</h1>
      <p>
        <a href={back} lang={langAttr(source)}>
          {text.title}
        </a>{' '}
        · <a href="#/translations">{t('translations.backToQueue')}</a>
      </p>
      <Field label={t('translations.into')}>
        <select value={target} data-testid="translation-target" onChange={(e) => choose(text, e.currentTarget.value as Language)}>
          {LANGUAGES.filter((l) => l !== source).map((l) => (
            <option value={l}>{languageName(l)}</option>
          ))}
        </select>
      </Field>
      {existing && (
        <p class={existing.current ? 'muted' : 'error'} data-testid="translation-status">
          {existing.current ? t('translations.currentOne') : t('translations.staleOne')}
          {existing.translatorName && ` · ${existing.translatorName}`} · {formatInstant(existing.translatedAt, zone)}
        </p>
      )}
      <form class="card translate-form" onSubmit={save.run}>
        <div class="side-by-side">
          <h3>{t('translations.original', { language: languageName(source) })}</h3>
          <h3>{languageName(target)}</h3>
          {shownFields.map((f) => (
            <>
              <div class="original-field">
                <strong>{fieldLabel(f)}</strong>
                <p class="prewrap" lang={langAttr(source)}>
                  {text.original.fields[f]}
                </p>
              </div>
              <Field label={fieldLabel(f)}>
                {f === 'title' ? (
                  <input
                    required
                    lang={langAttr(target)}
                    name={f}
                    value={fields[f] ?? ''}
                    onInput={(e) => setFields({ ...fields, [f]: e.currentTarget.value })}
                  />
                ) : (
                  <textarea
                    required
                    rows={f === 'body' || f === 'text' ? 8 : 3}
                    lang={langAttr(target)}
                    name={f}
                    value={fields[f] ?? ''}
                    onInput={(e) => setFields({ ...fields, [f]: e.currentTarget.value })}
                  />
                )}
              </Field>
            </>
          ))}
        </div>
        {saved && (
          <p class="muted" role="status" data-testid="translation-saved">
            {t('translations.saved')}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={!text.mayTranslate || save.busy}>
            {t('translations.save')}
          </button>
          <button type="button" class="secondary" onClick={() => navigate(back.slice(1))}>
            {t('translations.toText')}
          </button>
        </div>
        <FieldError error={save.error} />
      </form>
    </main>
  );
}
