// Small shared UI pieces.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.js';
import { t } from '../i18n/index.js';

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : t('error.generic');
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export const roleLabel = (role: string) => t(`role.${role}` as Parameters<typeof t>[0]);
