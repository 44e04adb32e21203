// User-written text in the reader's language: the current translation when there is one (with "translated
// from Japanese · show original"), else the original marked with its language. Every piece of user-written
// text carries a `lang` attribute of its own language, so browsers pick the right CJK glyphs.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Language } from '../api.js';
import { langAttr, language, t, type MessageKey } from '../i18n/index.js';

export interface Translation {
  language: Language;
  translatedFrom: Language;
  current: boolean;
  machine: boolean;
  translatedAt: string;
  fields: Record<string, string>;
}

// The `lang` attribute of a language is one rule, in i18n (zh is written zh-CN); re-exported for the pages.
export { langAttr };
export const languageName = (lang: string) => t(`language.${lang}` as MessageKey);

export type Shown = {
  fields: Record<string, string>;
  lang: string;
  mode: 'translated' | 'original' | 'stale' | 'plain';
};

/** Which text to show: the current translation (unless the reader asked for the original), else the original. */
export function pick(original: Record<string, string>, originalLanguage: string, translation: Translation | null | undefined, showOriginal: boolean): Shown {
  if (translation?.current && !showOriginal) return { fields: { ...original, ...translation.fields }, lang: translation.language, mode: 'translated' };
  if (translation?.current) return { fields: original, lang: originalLanguage, mode: 'original' };
  if (translation) return { fields: original, lang: originalLanguage, mode: 'stale' };
  return { fields: original, lang: originalLanguage, mode: 'plain' };
}

/** A dictionary text with a user-written part inside it, that part marked with its own language (the
 * placeholder may sit anywhere: "Referred to {department}", "{department}へ移送"). */
export function WithWritten({ message, param, text, lang }: { message: MessageKey; param: string; text: string; lang: string | null | undefined }) {
  const [before, after = ''] = t(message, { [param]: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <span lang={langAttr(lang)}>{text}</span>
      {after}
    </>
  );
}

/** A title for lists (or another short text: `field` names its translated field): the current translation's when there is one, with its language. */
export function TitleText({ title, lang, translation, field = 'title' }: { title: string; lang: string; translation?: Translation | null; field?: string }) {
  const shown = pick({ [field]: title }, lang, translation, false);
  return (
    <span lang={langAttr(shown.lang)} title={shown.mode === 'translated' ? t('translations.translatedFrom', { language: languageName(lang) }) : undefined}>
      {shown.fields[field]}
    </span>
  );
}

/** The note under a translated (or untranslated foreign) text, with the toggle between translation and original. */
export function TranslationNote({
  shown,
  originalLanguage,
  translation,
  toggle,
}: {
  shown: Shown;
  originalLanguage: string;
  translation?: Translation | null;
  toggle: () => void;
}) {
  const from = languageName(originalLanguage);
  if (shown.mode === 'translated' || shown.mode === 'original')
    return (
      <p class="translation-note muted" data-testid="translation-note">
        {shown.mode === 'translated'
          ? t(translation?.machine ? 'translations.machineTranslatedFrom' : 'translations.translatedFrom', { language: from })
          : t('translations.originalIn', { language: from })}{' '}
        ·{' '}
        <button type="button" class="link" data-testid="translation-toggle" onClick={toggle}>
          {shown.mode === 'translated' ? t('translations.showOriginal') : t('translations.showTranslation')}
        </button>
      </p>
    );
  if (shown.mode === 'stale')
    return (
      <p class="translation-note muted" data-testid="translation-stale">
        {t('translations.originalIn', { language: from })} · {t('translations.stale', { language: languageName(translation!.language) })}
      </p>
    );
  if (originalLanguage === language.value) return null;
  return (
    <p class="translation-note muted" data-testid="translation-none">
      {t('translations.originalIn', { language: from })}
    </p>
  );
}

/** A block of user-written text with its own toggle (answers, messages). */
export function TranslatedText({
  original,
  language: originalLanguage,
  translation,
  children,
}: {
  original: Record<string, string>;
  language: string;
  translation?: Translation | null;
  children: (fields: Record<string, string>) => ComponentChildren;
}) {
  const [showOriginal, setShowOriginal] = useState(false);
  const shown = pick(original, originalLanguage, translation, showOriginal);
  return (
    <>
      <div lang={langAttr(shown.lang)}>{children(shown.fields)}</div>
      <TranslationNote shown={shown} originalLanguage={originalLanguage} translation={translation} toggle={() => setShowOriginal(!showOriginal)} />
    </>
  );
}
