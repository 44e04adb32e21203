// The signed-in person, shared by every page.
import { signal } from '@preact/signals';
import { get, post, type Me } from './api.js';
import { setLanguage } from './i18n/index.js';

export const me = signal<Me | null>(null);
export const sessionChecked = signal(false);

export async function loadSession() {
  try {
    me.value = (await get<{ me: Me | null }>('/api/session')).me;
  } catch {
    me.value = null;
  }
  sessionChecked.value = true;
}

export function signedIn(value: Me) {
  me.value = value;
  setLanguage(value.user.language);
}

export async function signOut() {
  await post('/api/auth/sign-out').catch(() => {});
  me.value = null;
}
