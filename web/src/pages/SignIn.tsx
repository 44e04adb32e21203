import { useState } from 'preact/hooks';
import { post, type Me } from '../api.js';
import { ErrorNote, Field } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { signedIn } from '../session.js';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await post<Me>('/api/auth/sign-in', { email, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="narrow">
      <h1>{t('signIn.title')}</h1>
      <p class="muted">{t('signIn.intro')}</p>
      <form onSubmit={submit} class="card">
        <Field label={t('signIn.email')}>
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label={t('signIn.password')}>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="#/forgot-password">{t('password.forgotLink')}</a>
      </p>
      <p class="muted">
        {t('signIn.browse')} <a href="#/round-tables">{t('nav.roundTables')}</a> · <a href="#/issues">{t('nav.issues')}</a>
      </p>
    </main>
  );
}
