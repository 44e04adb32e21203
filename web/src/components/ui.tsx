// Small shared UI pieces.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.js';
import { hasMessage, langTag, localNameIn, t } from '../i18n/index.js';
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
