// The text fields of an issue, shared by the submit form and the author's edit form.
import { Field } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { CATEGORIES, categoryLabel } from './model.js';

export interface IssueText {
  title: string;
  body: string;
  category: string;
  tags: string;
  desiredOutcome: string;
}

type Setter = (k: keyof IssueText) => (e: { currentTarget: { value: string } }) => void;

/** "customs, tax , " -> ["customs", "tax"] */
export const parseTags = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function IssueTextFields({ form, set }: { form: IssueText; set: Setter }) {
  return (
    <>
      <Field label={t('issues.title')}>
        <input required minLength={3} maxLength={200} value={form.title} onInput={set('title')} />
      </Field>
      <Field label={t('issues.body')}>
        <textarea required minLength={10} rows={6} value={form.body} onInput={set('body')} />
      </Field>
      <Field label={t('issues.category')}>
        <select value={form.category} onChange={set('category')}>
          {CATEGORIES.map((c) => (
            <option value={c}>{categoryLabel(c)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('issues.tags')}>
        <input value={form.tags} onInput={set('tags')} placeholder={t('issues.tagsHint')} />
      </Field>
      <Field label={t('issues.desiredOutcome')}>
        <textarea rows={3} value={form.desiredOutcome} onInput={set('desiredOutcome')} />
      </Field>
    </>
  );
}
