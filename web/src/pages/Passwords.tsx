// Passwords: change mine (profile; the current one required, other devices are signed out), ask for
// a reset link by e-mail, and set a new password from that link.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { ErrorNote, Field, useSubmit as useGuardedSubmit } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';

/** The shared guarded submit (a double click sends once), and whether it has succeeded. */
function useSubmit(run: () => Promise<unknown>) {
  const [done, setDone] = useState(false);
  const {
    error,
    busy,
    run: submit,
  } = useGuardedSubmit(async () => {
    await run();
    setDone(true);
  });
  return { error, done, busy, submit };
}

export function ChangePassword() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const { error, done, busy, submit } = useSubmit(async () => {
    await post('/api/auth/password', form);
    setForm({ currentPassword: '', newPassword: '' });
  });
  return (
    <form class="card" onSubmit={submit} data-testid="change-password">
      <h2>{t('password.change')}</h2>
      <Field label={t('password.current')}>
        <input
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={form.currentPassword}
          onInput={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('password.new')}>
        <input
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={10}
          value={form.newPassword}
          onInput={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
        />
      </Field>
      <ErrorNote error={error} />
      {done && <p class="ok">{t('password.changed')}</p>}
      <button type="submit" disabled={busy}>
        {t('password.changeSubmit')}
      </button>
    </form>
  );
}

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const { error, done, busy, submit } = useSubmit(() => post('/api/auth/password-reset', { email }));
  return (
    <main class="narrow">
      <h1>{t('password.forgot')}</h1>
      <form class="card" onSubmit={submit}>
        <p class="muted">{t('password.forgotIntro')}</p>
        <Field label={t('signIn.email')}>
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={error} />
        {done && (
          <p class="ok" data-testid="reset-requested">
            {t('password.resetRequested')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('password.sendLink')}
        </button>
      </form>
    </main>
  );
}

export function ResetPassword({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const { error, done, busy, submit } = useSubmit(() => post(`/api/auth/password-reset/${encodeURIComponent(token)}`, { password }));
  return (
    <main class="narrow">
      <h1>{t('password.reset')}</h1>
      <form class="card" onSubmit={submit}>
        <Field label={t('password.new')}>
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={error} />
        {done ? (
          <p class="ok">
            {t('password.resetDone')}{' '}
            <button type="button" class="link" onClick={() => navigate('/')}>
              {t('signIn.title')}
            </button>
          </p>
        ) : (
          <button type="submit" disabled={busy}>
            {t('password.resetSubmit')}
          </button>
        )}
      </form>
    </main>
  );
}
