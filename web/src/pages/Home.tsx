import { localName, t, type MessageKey } from '../i18n/index.js';
import { me } from '../session.js';
import { MyActions } from './outcomes/MyActions.js';
import { Dashboard } from './Dashboard.js';
import { formatInstant, browserZone } from '../time.js';

export function Home() {
  const current = me.value!;
  const now = new Date().toISOString();
  return (
    <main>
      <h1>{t('home.welcome', { name: current.user.displayName })}</h1>
      {current.organization && <p class="muted">{localName(current.organization)}</p>}
      <p>{t(`home.intro.${current.user.role}` as MessageKey)}</p>
      <Dashboard />
      <MyActions />
      <details class="card">
        <summary>{t('home.process')}</summary>
        <ol class="steps">
          <li>{t('home.step.submit')}</li>
          <li>{t('home.step.review')}</li>
          <li>{t('home.step.live')}</li>
          <li>{t('home.step.outcomes')}</li>
        </ol>
      </details>
      <p class="muted" data-testid="clock" title={current.user.timeZone}>
        {t('home.now')}: {formatInstant(now, current.user.timeZone, true)}
        {browserZone() !== current.user.timeZone && <> · {formatInstant(now, browserZone(), true)}</>}
      </p>
    </main>
  );
}
