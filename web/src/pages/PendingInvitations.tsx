// The People page's pending invitations: who was invited and until when; send again (a fresh link,
// the old one stops working) or revoke (behind a confirmation).
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { ErrorNote, roleLabel } from '../components/ui.js';
import { t } from '../i18n/index.js';
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

export function PendingInvitations({ version }: { version: number }) {
  const [list, setList] = useState<Invitation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<{ id: string; link: string } | null>(null);
  const load = () => get<Invitation[]>('/api/invitations').then(setList, setError);
  useEffect(() => void load(), [version]);
  const pending = list.filter((i) => !i.acceptedAt && !i.revokedAt);
  const resend = async (i: Invitation) => {
    setError(null);
    try {
      const res = await post<{ link: string }>(`/api/invitations/${i.id}/resend`);
      setLink({ id: i.id, link: res.link });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (i: Invitation) => {
    setError(null);
    try {
      await del(`/api/invitations/${i.id}`);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card" data-testid="pending-invitations">
      <h2>{t('invitations.pending')}</h2>
      <ErrorNote error={error} />
      {!pending.length && <p class="muted">{t('invitations.none')}</p>}
      <ul class="plain">
        {pending.map((i) => (
          <li data-testid="pending-invitation">
            <strong>{i.email}</strong> · {roleLabel(i.role)} ·{' '}
            {Date.parse(i.expiresAt) < Date.now() ? t('invitations.expired') : t('invitations.expires', { at: formatInstant(i.expiresAt, viewerZone()) })}{' '}
            <button class="link" onClick={() => resend(i)}>
              {t('invitations.resend')}
            </button>{' '}
            <ConfirmButton
              label={t('invitations.revoke')}
              confirm={t('invitations.revokeConfirm', { email: i.email })}
              onConfirm={() => revoke(i)}
              testId={`revoke-${i.id}`}
            />
            {link?.id === i.id && (
              <div>
                {t('people.linkReady')} <code>{link.link}</code>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
