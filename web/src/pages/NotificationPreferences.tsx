// The profile's section on how I am told: per category, in-app only, e-mail at once, or a daily
// digest at an hour of my own zone.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { ErrorNote, Field } from '../components/ui.js';
import { t, type MessageKey } from '../i18n/index.js';

interface Preference {
  category: string;
  mode: 'in_app' | 'immediate' | 'digest';
  digestHour: number;
}
const MODES = ['in_app', 'immediate', 'digest'] as const;

export function NotificationPreferences() {
  const [prefs, setPrefs] = useState<Preference[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void get<Preference[]>('/api/me/notification-preferences').then(setPrefs, setError), []);
  const change = (category: string, patch: Partial<Preference>) => {
    setSaved(false);
    setPrefs((prefs ?? []).map((p) => (p.category === category ? { ...p, ...patch } : p)));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setPrefs(await api<Preference[]>('PUT', '/api/me/notification-preferences', prefs));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  if (!prefs) return <ErrorNote error={error} />;
  return (
    <form class="card" onSubmit={save} data-testid="notification-preferences">
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
      <ErrorNote error={error} />
      {saved && <p class="ok">{t('prefs.saved')}</p>}
      <button type="submit">{t('profile.save')}</button>
    </form>
  );
}
