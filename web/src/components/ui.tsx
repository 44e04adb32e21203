// Small shared UI pieces.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { hasMessage, langTag, localNameIn, localTitleIn, t, type Titles } from '../i18n/index.js';
import { ERROR_CODES, type ErrorParamKind } from '../../../src/lib/error-codes.js';
import { formatDate, formatInstant, viewerZone } from '../time.js';

/** How each detail field of each error code is shown (the server's catalog, src/lib/error-codes.ts). */
const PARAM_KINDS: Record<string, Record<string, ErrorParamKind>> = ERROR_CODES;
const STATUS_PREFIXES = ['issueState', 'rt.status', 'rt.registration', 'outcomes.status'];

function labelOf(prefixes: string[], value: string): string {
  for (const p of prefixes) {
    const key = `${p}.${value}`;
    if (hasMessage(key)) return t(key);
  }
  return value.replace(/_/g, ' ');
}

function showParam(kind: ErrorParamKind | undefined, v: unknown): string | number {
  if (v && typeof v === 'object' && 'displayName' in v && typeof v.displayName === 'string') return v.displayName;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return '';
  if (kind === 'status') return labelOf(STATUS_PREFIXES, v);
  if (kind === 'command') return labelOf(['issues.cmd'], v);
  if (kind === 'role') return labelOf(['role'], v);
  if (kind === 'instant') return formatInstant(v, viewerZone());
  if (kind === 'date') return formatDate(v);
  return v;
}

/** Fills an error message's {placeholders} from the error's details, each shown as its catalog kind says
 * (a state by its label, an instant in the viewer's zone). */
function detailParams(code: string, details: Record<string, unknown> | undefined): Record<string, string | number> {
  const kinds = PARAM_KINDS[code] ?? {};
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) params[k] = showParam(kinds[k], v);
  return params;
}

/** An error in the reader's language: the dictionary's `error.<CODE>` with its details filled in; the
 * server's (English) message only for a code the dictionaries do not know. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  const key = `error.${error.code}`;
  return hasMessage(key) ? t(key, detailParams(error.code, error.details)) : error.message || t('error.generic');
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = errorText(error);
  // The stable code stays available to support staff (and tests) without being part of the sentence.
  return (
    <p class="error" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      {message}
    </p>
  );
}

/** A round-table's or agenda item's title in the reader's language (or the fallback), marked with the language it is written in. */
export function LocalTitle({ of }: { of: Titles }) {
  const { text, lang } = localTitleIn(of);
  return <span lang={langTag(lang)}>{text}</span>;
}

/** An organization's name in the reader's language, marked with the language it is written in. */
export function OrgName({ names }: { names: { nameEn: string; nameJa: string; nameZh: string } }) {
  const { text, lang } = localNameIn(names);
  return <span lang={langTag(lang)}>{text}</span>;
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
  noResultsText,
  children,
}: {
  loading: boolean;
  error: unknown;
  onRetry: () => unknown;
  empty: boolean;
  filtered?: boolean;
  emptyText: string;
  /** What "no results" says where the page has its own words for it (default: state.noResults). */
  noResultsText?: string;
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
        {filtered ? (noResultsText ?? t('state.noResults')) : emptyText}
      </p>
    );
  }
  return <>{children}</>;
}

/** A page's own data on its way: "Loading…", or the error with a retry button (never one for ever). */
export function Awaiting({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  return <StateView loading={!error} error={error} onRetry={onRetry} empty emptyText="" />;
}

/** The field an API error is about: `details.field` when the server names one, else by code. */
export function fieldOfError(error: unknown, byCode: Record<string, string>): string | null {
  if (!(error instanceof ApiError)) return null;
  const named = error.details?.field;
  if (typeof named === 'string') return named;
  // A schema refusal names the property in its first issue's path (`/email`).
  const issues = error.details?.issues;
  const path = Array.isArray(issues) ? (issues[0] as { instancePath?: unknown } | undefined)?.instancePath : undefined;
  if (error.code === 'VALIDATION_FAILED' && typeof path === 'string' && path.split('/')[1]) return path.split('/')[1]!;
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
 * `run` sends the hook's own action; `runWith(fn)` sends another one under the same guard, for a group
 * of controls that send different commands (the status moves of an action, the console's slot buttons).
 */
export function useSubmit(action: () => Promise<unknown> = async () => {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const runWith =
    (fn: () => Promise<unknown>) =>
    async (e?: Event): Promise<void> => {
      e?.preventDefault();
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        await fn();
      } catch (err) {
        setError(err);
      } finally {
        running.current = false;
        setBusy(false);
      }
    };
  const run = (e?: Event) => runWith(action)(e);
  return { busy, error, setError, run, runWith };
}

/** A client-side refusal with the same code the server would give, so both read the same. */
export const clientError = (code: string, field?: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, code, code, field ? { field, ...details } : details);
