// The People page's invitations, each with its state (pending, expired, accepted, revoked) and a
// filter by state; an open one (pending or expired) can be sent again (a fresh link and expiry, the
// old link stops working) or revoked (behind a confirmation).
import { useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { Field, FieldError, roleLabel, StateView, useLoad, useSubmit } from '../components/ui.js';
import { t, type MessageKey } from '../i18n/index.js';
import { viewerZone, formatInstant } from '../time.js';

interface Invitation {
  id: string;
  email: string;
  role: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

const STATES = ['pending', 'expired', 'accepted', 'revoked'] as const;
type InvitationState = (typeof STATES)[number];

/** The same order of checks as the server's "open invitation" (not accepted, not revoked, not expired). */
export function invitationState(i: Invitation, now = Date.now()): InvitationState {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return Date.parse(i.expiresAt) <= now ? 'expired' : 'pending';
}

function when(i: Invitation, state: InvitationState): string {
  const zone = viewerZone();
  if (state === 'accepted') return t('invitations.acceptedAt', { at: formatInstant(i.acceptedAt!, zone) });
  if (state === 'revoked') return t('invitations.revokedAt', { at: formatInstant(i.revokedAt!, zone) });
  if (state === 'expired') return t('invitations.expiredAt', { at: formatInstant(i.expiresAt, zone) });
  return t('invitations.expires', { at: formatInstant(i.expiresAt, zone) });
}

function InvitationRow({ invitation: i, onChanged }: { invitation: Invitation; onChanged: () => Promise<unknown> }) {
  const [link, setLink] = useState<string | null>(null);
  const resend = useSubmit(async () => {
    setLink((await post<{ link: string }>(`/api/invitations/${i.id}/resend`)).link);
    await onChanged();
  });
  const revoke = useSubmit(async () => {
    await del(`/api/invitations/${i.id}`);
    await onChanged();
  });
  const state = invitationState(i);
  const open = state === 'pending' || state === 'expired';
  return (
    <li data-testid="invitation" data-state={state}>
      <strong>{i.email}</strong> · {roleLabel(i.role)} ·{' '}
      <span class={`badge invitation-${state}`} data-testid="invitation-state">
        {t(`invitations.state.${state}` as MessageKey)}
      </span>{' '}
      <span class="muted">{when(i, state)}</span>
      {open && (
        <div class="row actions">
          <button type="button" class="link" disabled={resend.busy} onClick={() => void resend.run()} data-testid={`resend-${i.id}`}>
            {t('invitations.resend')}
          </button>
          <ConfirmButton
            label={t('invitations.revoke')}
            confirm={t('invitations.revokeConfirm', { email: i.email })}
            onConfirm={() => revoke.run()}
            disabled={revoke.busy}
            buttonClass="link danger"
            testId={`revoke-${i.id}`}
          />
        </div>
      )}
      <FieldError error={resend.error ?? revoke.error} />
      {link && (
        <div data-testid="resent-link">
          {t('invitations.resent')} {t('people.linkReady')} <code>{link}</code>
        </div>
      )}
    </li>
  );
}

export function PendingInvitations({ version }: { version: number }) {
  const list = useLoad(() => get<Invitation[]>('/api/invitations'), [version]);
  const [state, setState] = useState<'' | InvitationState>('');
  const rows = (list.data ?? []).filter((i) => !state || invitationState(i) === state);
  return (
    <section class="card" data-testid="invitations">
      <h2>{t('invitations.title')}</h2>
      <div class="row filters">
        <Field label={t('invitations.filter')}>
          <select value={state} onChange={(e) => setState(e.currentTarget.value as '' | InvitationState)} data-testid="invitation-filter">
            <option value="">{t('invitations.all')}</option>
            {STATES.map((s) => (
              <option value={s}>{t(`invitations.state.${s}` as MessageKey)}</option>
            ))}
          </select>
        </Field>
      </div>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        empty={rows.length === 0}
        filtered={!!state && !!list.data?.length}
        emptyText={t('invitations.none')}
      >
        <ul class="plain">
          {rows.map((i) => (
            <InvitationRow key={i.id} invitation={i} onChanged={list.reload} />
          ))}
        </ul>
      </StateView>
    </section>
  );
}
