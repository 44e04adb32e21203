// Small shared UI pieces.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.js';
import { hasMessage, t } from '../i18n/index.js';

/** Fills an error message's {placeholders} from the error's details (a person by their name). */
function detailParams(details: Record<string, unknown> | undefined): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else if (v && typeof v === 'object' && 'displayName' in v) params[k] = typeof v.displayName === 'string' ? v.displayName : '';
  }
  if (typeof params.savedAt === 'string') params.savedAt = new Date(params.savedAt).toLocaleString();
  return params;
}

/** An API error in the reader's language when the dictionaries know its code (`error.<CODE>`), else the server's message. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  const key = `error.${error.code}`;
  return hasMessage(key) ? `${t(key, detailParams(error.details))} (${error.code})` : `${error.message} (${error.code})`;
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = errorText(error);
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
