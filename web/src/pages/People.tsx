// Organizers and officials: who has an account, invitations, and (organizers) deactivation.
import { useState } from 'preact/hooks';
import { get, type Organization, type User } from '../api.js';
import { roleLabel, StateView, useLoad } from '../components/ui.js';
import { localName, t } from '../i18n/index.js';
import { me } from '../session.js';
import { PeopleActions } from './PeopleActions.js';
import { formatInstant } from '../time.js';
import { InviteForm } from './InviteForm.js';
import { PendingInvitations } from './PendingInvitations.js';

export function People() {
  const current = me.value!;
  const isOrganizer = current.user.role === 'organizer';
  const data = useLoad(() => Promise.all([get<User[]>('/api/users'), get<Organization[]>('/api/organizations')]), []);
  const [invited, setInvited] = useState(0);
  const [users, orgs] = data.data ?? [[], []];
  const orgName = (id: string | null) => {
    const org = orgs.find((o) => o.id === id);
    return org ? localName(org) : '—';
  };

  return (
    <main>
      <h1>{t('people.title')}</h1>
      <InviteForm orgs={orgs} isOrganizer={isOrganizer} onInvited={() => setInvited(invited + 1)} />
      <PendingInvitations version={invited} />
      <StateView loading={data.loading} error={data.error} onRetry={data.reload} empty={users.length === 0} emptyText={t('people.none')}>
        <table class="list">
          <thead>
            <tr>
              <th>{t('people.name')}</th>
              <th>{t('signIn.email')}</th>
              <th>{t('people.role')}</th>
              <th>{t('people.organization')}</th>
              <th>{t('people.since')}</th>
              {isOrganizer && <th />}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr class={u.deactivatedAt ? 'inactive' : ''}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td data-label={t('people.role')}>{roleLabel(u.role)}</td>
                <td data-label={t('people.organization')}>{orgName(u.organizationId)}</td>
                <td data-label={t('people.since')}>{formatInstant(u.createdAt, current.user.timeZone)}</td>
                {isOrganizer && <td>{u.id !== current.user.id && <PeopleActions user={u} orgs={orgs} onChanged={data.reload} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </StateView>
    </main>
  );
}
