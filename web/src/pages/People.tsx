// Organizers and officials: who has an account, invitations, and (organizers) deactivation.
import { useEffect, useState } from 'preact/hooks';
import { get, post, ROLES, type Language, type Organization, type Role, type User } from '../api.js';
import { ErrorNote, Field, roleLabel } from '../components/ui.js';
import { langAttr, language, LANGUAGES, localName, localNameIn, sortByName, t } from '../i18n/index.js';
import { me } from '../session.js';
import { PeopleActions } from './PeopleActions.js';
import { formatInstant } from '../time.js';
import { PendingInvitations } from './PendingInvitations.js';

export function People() {
  const current = me.value!;
  const isOrganizer = current.user.role === 'organizer';
  const [users, setUsers] = useState<User[]>([]);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [invite, setInvite] = useState({ email: '', role: 'company_rep' as Role, organizationId: '', language: language.value });
  const [link, setLink] = useState<string | null>(null);
  const [invited, setInvited] = useState(0);

  const load = () => Promise.all([get<User[]>('/api/users'), get<Organization[]>('/api/organizations')]).then(([u, o]) => (setUsers(u), setOrgs(o)), setError);
  useEffect(() => void load(), []);
  const orgName = (id: string | null) => {
    const org = orgs.find((o) => o.id === id);
    return org ? localName(org) : '—';
  };

  const sendInvite = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await post<{ link: string }>('/api/invitations', { ...invite, organizationId: invite.organizationId || null });
      setLink(res.link);
      setInvited(invited + 1);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <main>
      <h1>{t('people.title')}</h1>
      <ErrorNote error={error} />
      <section class="card">
        <h2>{t('people.invite')}</h2>
        <form class="row" onSubmit={sendInvite}>
          <Field label={t('signIn.email')}>
            <input type="email" required value={invite.email} onInput={(e) => setInvite({ ...invite, email: e.currentTarget.value })} />
          </Field>
          <Field label={t('people.role')}>
            <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.currentTarget.value as Role })}>
              {ROLES.filter((r) => isOrganizer || r !== 'organizer').map((r) => (
                <option value={r}>{roleLabel(r)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('people.organization')}>
            <select value={invite.organizationId} onChange={(e) => setInvite({ ...invite, organizationId: e.currentTarget.value })}>
              <option value="">—</option>
              {sortByName(orgs, localName).map((o) => (
                <option value={o.id} lang={langAttr(localNameIn(o).lang)}>
                  {localName(o)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('people.inviteLanguage')}>
            <select value={invite.language} onChange={(e) => setInvite({ ...invite, language: e.currentTarget.value as Language })}>
              {LANGUAGES.map((l) => (
                <option value={l}>{t(`language.${l}`)}</option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('people.sendInvite')}</button>
        </form>
        {link && (
          <p data-testid="invite-link">
            {t('invitations.mailed')} {t('people.linkReady')} <code>{link}</code>
          </p>
        )}
      </section>
      <PendingInvitations version={invited} />
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
              {isOrganizer && <td>{u.id !== current.user.id && <PeopleActions user={u} orgs={orgs} onChanged={load} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
