import { useState } from 'preact/hooks';
import { post, type Me } from '../api.js';
import { ErrorNote, Field, useSubmit } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { signedIn } from '../session.js';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit(async () => signedIn(await post<Me>('/api/auth/sign-in', { email, password })));

  return (
    <main class="narrow">
      <h1>{t('signIn.title')}</h1>
      <p class="muted">{t('signIn.intro')}</p>
      <form onSubmit={submit.run} class="card">
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
        <ErrorNote error={submit.error} />
        <button type="submit" disabled={submit.busy}>
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
