// Accepting an invitation: who it is for, then a display name, password, language and zone (picked from
// the list, as on the profile). One submit at a time; a refusal shows next to its field.
import { useState } from 'preact/hooks';
import { get, post, type Language, type Me } from '../api.js';
import { Awaiting, clientError, Field, FieldError, fieldOfError, roleLabel, useLoad, useSubmit } from '../components/ui.js';
import { ZonePicker, listedZone } from '../components/ZonePicker.js';
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

const FIELD_OF_CODE: Record<string, string> = { INVALID_TIME_ZONE: 'timeZone', EMAIL_TAKEN: 'displayName' };

export function Invite({ token }: { token: string }) {
  const preview = useLoad(() => get<Preview>(`/api/invitations/by-token/${encodeURIComponent(token)}`), [token]);
  const [form, setForm] = useState({ displayName: '', password: '', language: language.value, timeZone: listedZone(browserZone()) ?? 'UTC' });
  const submit = useSubmit(async () => {
    if (!form.displayName.trim()) throw clientError('VALIDATION_FAILED', 'displayName');
    if (form.password.length < 10) throw clientError('VALIDATION_FAILED', 'password');
    if (!listedZone(form.timeZone)) throw clientError('INVALID_TIME_ZONE', 'timeZone', { zone: form.timeZone });
    signedIn(await post<Me>(`/api/invitations/by-token/${encodeURIComponent(token)}/accept`, { ...form, displayName: form.displayName.trim() }));
    navigate('/');
  });
  const errorField = fieldOfError(submit.error, FIELD_OF_CODE);
  const err = (field: string) => (errorField === field ? <FieldError error={submit.error} id={`accept-${field}-error`} /> : null);
  const aria = (field: string) => ({ 'aria-invalid': errorField === field, 'aria-describedby': errorField === field ? `accept-${field}-error` : undefined });
  const p = preview.data;

  return (
    <main class="narrow">
      <h1>{t('invite.title')}</h1>
      {!p && <Awaiting error={preview.error} onRetry={preview.reload} />}
      {p && (
        <p>
          {t('invite.for', { email: p.email, role: roleLabel(p.role) })}
          {p.organization && <> · {localName(p.organization)}</>}
        </p>
      )}
      {p && (
        <form class="card" onSubmit={submit.run} noValidate>
          <Field label={t('profile.displayName')}>
            <input
              maxLength={120}
              value={form.displayName}
              onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
              {...aria('displayName')}
            />
            {err('displayName')}
          </Field>
          <Field label={t('invite.password')}>
            <input
              type="password"
              autoComplete="new-password"
              minLength={10}
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
              {...aria('password')}
            />
            {err('password')}
          </Field>
          <Field label={t('profile.language')}>
            <select value={form.language} onChange={(e) => setForm({ ...form, language: e.currentTarget.value as Language })}>
              {LANGUAGES.map((l) => (
                <option value={l}>{t(`language.${l}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('profile.timeZone')}>
            <ZonePicker id="accept-zone" value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} />
            {err('timeZone')}
          </Field>
          {errorField === null && <FieldError error={submit.error} />}
          <button type="submit" disabled={submit.busy}>
            {t('invite.accept')}
          </button>
        </form>
      )}
    </main>
  );
}
