// JSON over fetch with the session cookie. Failures become ApiError carrying the server's stable code.
import { language } from './i18n/index.js';
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The error of a refused response, from the server's error body ({ code, message, details }) when it has one. */
export function apiError(res: Response, data: unknown): ApiError {
  const body = (data && typeof data === 'object' ? data : {}) as { code?: unknown; message?: unknown; details?: unknown };
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : 'NETWORK',
    typeof body.message === 'string' ? body.message : res.statusText,
    body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : undefined,
  );
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    // The UI language: the server returns user-written texts translated into it where it can.
    headers: { 'accept-language': language.value, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw apiError(res, data);
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body: unknown = {}) => api<T>('POST', url, body);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);

export { LANGUAGES, ORGANIZATION_KINDS, ROLES, type Language, type OrganizationKind, type Role } from '../../src/lib/principal.js';
import type { Language, OrganizationKind, Role } from '../../src/lib/principal.js';

export interface Organization {
  id: string;
  kind: OrganizationKind;
  nameEn: string;
  nameJa: string;
  nameZh: string;
  industry: string | null;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  language: Language;
  timeZone: string;
  deactivatedAt: string | null;
  createdAt: string;
}

export interface Me {
  user: User;
  organization: Organization | null;
}
