// Small shared UI pieces.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
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

/** Loads data for a page: `data` is null while loading; `reload` runs it again (the retry button). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++run.current;
    setLoading(true);
    setError(null);
    try {
      const value = await load();
      if (mine === run.current) setData(value);
    } catch (err) {
      if (mine === run.current) setError(err);
    } finally {
      if (mine === run.current) setLoading(false);
    }
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { data, error, loading, reload, setData };
}

/**
 * The four honest states of a list or page, each distinct: loading, an error with a retry button,
 * empty ("nothing here yet"), and empty because of a filter ("no results for this filter").
 */
export function StateView({
  loading,
  error,
  onRetry,
  empty,
  filtered = false,
  emptyText,
  children,
}: {
  loading: boolean;
  error: unknown;
  onRetry: () => unknown;
  empty: boolean;
  filtered?: boolean;
  emptyText: string;
  children?: ComponentChildren;
}) {
  if (error) {
    return (
      <div class="state-error" role="alert" data-testid="state-error">
        <p class="error">{errorText(error)}</p>
        <button type="button" class="secondary" onClick={() => void onRetry()}>
          {t('state.retry')}
        </button>
      </div>
    );
  }
  if (loading && empty) {
    return (
      <p class="muted" role="status" data-testid="state-loading">
        {t('app.loading')}
      </p>
    );
  }
  if (empty) {
    return (
      <p class="muted" data-testid={filtered ? 'state-no-results' : 'state-empty'}>
        {filtered ? t('state.noResults') : emptyText}
      </p>
    );
  }
  return <>{children}</>;
}

/** The field an API error is about: `details.field` when the server names one, else by code. */
export function fieldOfError(error: unknown, byCode: Record<string, string>): string | null {
  if (!(error instanceof ApiError)) return null;
  const named = error.details?.field;
  if (typeof named === 'string') return named;
  return byCode[error.code] ?? null;
}

/** An error shown next to the control that caused it (`aria-describedby` can point at its id). */
export function FieldError({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <span class="field-error" role="alert" id={id}>
      {errorText(error)}
    </span>
  );
}

/**
 * A submit that runs once at a time: a second click while the first is on its way does nothing
 * (the guard is a ref, so two clicks in the same frame cannot both pass), and the button shows busy.
 */
export function useSubmit(action: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const run = async (e?: Event) => {
    e?.preventDefault();
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A client-side refusal with the same code the server would give, so both read the same. */
export const clientError = (code: string, field?: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, code, code, field ? { field, ...details } : details);
