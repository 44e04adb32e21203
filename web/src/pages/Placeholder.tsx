import { t, type MessageKey } from '../i18n/index.js';

/** A capability that is planned but not built yet: says so plainly, shows no made-up data. */
export function Placeholder({ title }: { title: MessageKey }) {
  return (
    <main>
      <h1>{t(title)}</h1>
      <p class="muted">{t('placeholder.notYet')}</p>
    </main>
  );
}
