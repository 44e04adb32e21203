import { useEffect, useState } from 'preact/hooks';
import { del, get, patch, type Language, type Me } from '../api.js';
import { ErrorNote, Field, FieldError, useSubmit } from '../components/ui.js';
import { ZonePicker } from '../components/ZonePicker.js';
import { LANGUAGES, setLanguage, t, type MessageKey } from '../i18n/index.js';
import { me } from '../session.js';
import { formatInstant } from '../time.js';
import { NotificationPreferences } from './NotificationPreferences.js';
import { ChangePassword } from './Passwords.js';

interface SessionInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

export function Profile() {
  const current = me.value!;
  const [form, setForm] = useState({ displayName: current.user.displayName, language: current.user.language, timeZone: current.user.timeZone });
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const loadSessions = () => get<SessionInfo[]>('/api/auth/sessions').then(setSessions, setError);
  useEffect(() => void loadSessions(), []);

  const revoke = useSubmit();
  const save = useSubmit(async () => {
    setSaved(false);
    me.value = await patch<Me>('/api/me', form);
    setLanguage(form.language);
    setSaved(true);
  });

  return (
    <main>
      <h1>{t('profile.title')}</h1>
      <form class="card" onSubmit={save.run}>
        <Field label={t('profile.displayName')}>
          <input required maxLength={120} value={form.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
        </Field>
        <Field label={t('profile.language')}>
          <select value={form.language} onChange={(e) => setForm({ ...form, language: e.currentTarget.value as Language })}>
            {LANGUAGES.map((l) => (
              <option value={l}>{t(`language.${l}` as MessageKey)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('profile.timeZone')}>
          <ZonePicker id="profile-zone" value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} />
        </Field>
        <FieldError error={save.error} />
        {saved && <p class="ok">{t('profile.saved')}</p>}
        <button type="submit" disabled={save.busy}>
          {t('profile.save')}
        </button>
      </form>
      <NotificationPreferences />
      <ChangePassword />
      <section class="card">
        <h2>{t('profile.sessions')}</h2>
        <ErrorNote error={error} />
        <ul class="plain">
          {sessions.map((s) => (
            <li>
              {formatInstant(s.createdAt, current.user.timeZone)} · {s.userAgent ?? '—'} {s.current && <strong>({t('profile.thisDevice')})</strong>}
              {!s.current && (
                <button
                  class="link"
                  disabled={revoke.busy}
                  onClick={revoke.runWith(async () => {
                    await del(`/api/auth/sessions/${s.id}`);
                    await loadSessions();
                  })}
                >
                  {t('profile.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <FieldError error={revoke.error} />
      </section>
    </main>
  );
}
