// The profile's section on how I am told: per category, in-app only, e-mail at once, or a daily
// digest at an hour of my own zone.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { Awaiting, Field, FieldError, useLoad, useSubmit } from '../components/ui.js';
import { t, type MessageKey } from '../i18n/index.js';

interface Preference {
  category: string;
  mode: 'in_app' | 'immediate' | 'digest';
  digestHour: number;
}
const MODES = ['in_app', 'immediate', 'digest'] as const;

export function NotificationPreferences() {
  const loaded = useLoad(() => get<Preference[]>('/api/me/notification-preferences'), []);
  const prefs = loaded.data;
  const setPrefs = loaded.setData;
  const [saved, setSaved] = useState(false);
  const change = (category: string, patch: Partial<Preference>) => {
    setSaved(false);
    setPrefs((prefs ?? []).map((p) => (p.category === category ? { ...p, ...patch } : p)));
  };
  // Saving sends once however often it is clicked; the refusal shows beside the button.
  const save = useSubmit(async () => {
    setPrefs(await api<Preference[]>('PUT', '/api/me/notification-preferences', prefs));
    setSaved(true);
  });
  if (!prefs) return <Awaiting error={loaded.error} onRetry={loaded.reload} />;
  return (
    <form class="card" onSubmit={save.run} data-testid="notification-preferences">
      <h2>{t('prefs.title')}</h2>
      <p class="muted">{t('prefs.intro')}</p>
      {prefs.map((p) => (
        <Field label={t(`prefs.category.${p.category}` as MessageKey)}>
          <select name={`mode-${p.category}`} value={p.mode} onChange={(e) => change(p.category, { mode: e.currentTarget.value as Preference['mode'] })}>
            {MODES.map((m) => (
              <option value={m}>{t(`prefs.mode.${m}` as MessageKey)}</option>
            ))}
          </select>
          {p.mode === 'digest' && (
            <span>
              {' '}
              {t('prefs.digestHour')}{' '}
              <select
                aria-label={t('prefs.digestHour')}
                value={String(p.digestHour)}
                onChange={(e) => change(p.category, { digestHour: Number(e.currentTarget.value) })}
              >
                {Array.from({ length: 24 }, (_, h) => (
                  <option value={String(h)}>{`${String(h).padStart(2, '0')}:00`}</option>
                ))}
              </select>
            </span>
          )}
        </Field>
      ))}
      {saved && <p class="ok">{t('prefs.saved')}</p>}
      <button type="submit" disabled={save.busy}>
        {t('profile.save')}
      </button>
      <FieldError error={save.error} />
    </form>
  );
}
