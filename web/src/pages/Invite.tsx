import { useEffect, useState } from 'preact/hooks';
import { get, post, type Language, type Me } from '../api.js';
import { ErrorNote, Field, roleLabel } from '../components/ui.js';
import { language, LANGUAGES, localName, t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { signedIn } from '../session.js';
import { browserZone } from '../time.js';

interface Preview {
  email: string;
  role: string;
  expiresAt: string;
  organization: { nameEn: string; nameJa: string; nameZh: string } | null;
}

export function Invite({ token }: { token: string }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ displayName: '', password: '', language: language.value, timeZone: browserZone() });

  useEffect(() => {
    get<Preview>(`/api/invitations/by-token/${encodeURIComponent(token)}`).then(setPreview, setError);
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      signedIn(await post<Me>(`/api/invitations/by-token/${encodeURIComponent(token)}/accept`, form));
      navigate('/');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <main class="narrow">
      <h1>{t('invite.title')}</h1>
      {preview && (
        <p>
          {t('invite.for', { email: preview.email, role: roleLabel(preview.role) })}
          {preview.organization && <> · {localName(preview.organization)}</>}
        </p>
      )}
      {preview && (
        <form class="card" onSubmit={submit}>
          <Field label={t('profile.displayName')}>
            <input required maxLength={120} value={form.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
          </Field>
          <Field label={t('invite.password')}>
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
          </Field>
          <Field label={t('profile.language')}>
            <select value={form.language} onChange={(e) => setForm({ ...form, language: e.currentTarget.value as Language })}>
              {LANGUAGES.map((l) => (
                <option value={l}>{t(`language.${l}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('profile.timeZone')}>
            <input required value={form.timeZone} onInput={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} />
          </Field>
          <button type="submit">{t('invite.accept')}</button>
        </form>
      )}
      <ErrorNote error={error} />
    </main>
  );
}
