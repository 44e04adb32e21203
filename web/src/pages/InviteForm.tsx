// The People page's invite form: one submit at a time (a double click invites once), the client checks
// what the server checks (same codes, so the same messages), and either's refusal shows next to its field.
import { useState } from 'preact/hooks';
import { post, ROLES, type Language, type Organization, type Role } from '../api.js';
import { clientError, Field, FieldError, fieldOfError, roleLabel, useSubmit } from '../components/ui.js';
import { langAttr, language, LANGUAGES, localName, localNameIn, sortByName, t } from '../i18n/index.js';
import { ROLE_KIND } from './PeopleActions.js';

const FIELD_OF_CODE: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  INVITATION_IN_PROGRESS: 'email',
  ORGANIZATION_REQUIRED: 'organizationId',
  ORGANIZATION_NOT_FOUND: 'organizationId',
  ROLE_ORGANIZATION_MISMATCH: 'organizationId',
  FORBIDDEN: 'role',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteForm({ orgs, isOrganizer, onInvited }: { orgs: Organization[]; isOrganizer: boolean; onInvited: () => void }) {
  const [invite, setInvite] = useState({ email: '', role: 'company_rep' as Role, organizationId: '', language: language.value });
  const [link, setLink] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    setLink(null);
    const email = invite.email.trim();
    if (!EMAIL.test(email)) throw clientError('VALIDATION_FAILED', 'email');
    const kind = ROLE_KIND[invite.role];
    const org = orgs.find((o) => o.id === invite.organizationId);
    if (kind && !org) throw clientError('ORGANIZATION_REQUIRED', 'organizationId', { role: invite.role });
    if (kind && org && org.kind !== kind) throw clientError('ROLE_ORGANIZATION_MISMATCH', 'organizationId', { role: invite.role });
    const res = await post<{ link: string }>('/api/invitations', {
      email,
      role: invite.role,
      organizationId: invite.organizationId || null,
      language: invite.language,
    });
    setLink(res.link);
    setInvite({ ...invite, email: '' });
    onInvited();
  });
  const errorField = fieldOfError(submit.error, FIELD_OF_CODE);
  const err = (field: string) => (errorField === field ? <FieldError error={submit.error} id={`invite-${field}-error`} /> : null);
  const aria = (field: string) => ({ 'aria-invalid': errorField === field, 'aria-describedby': errorField === field ? `invite-${field}-error` : undefined });
  return (
    <section class="card">
      <h2>{t('people.invite')}</h2>
      <form class="row" onSubmit={submit.run} data-testid="invite-form" noValidate>
        <Field label={t('signIn.email')}>
          <input
            id="invite-email"
            type="email"
            value={invite.email}
            onInput={(e) => setInvite({ ...invite, email: e.currentTarget.value })}
            {...aria('email')}
          />
          {err('email')}
        </Field>
        <Field label={t('people.role')}>
          <select id="invite-role" value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.currentTarget.value as Role })} {...aria('role')}>
            {ROLES.filter((r) => isOrganizer || r !== 'organizer').map((r) => (
              <option value={r}>{roleLabel(r)}</option>
            ))}
          </select>
          {err('role')}
        </Field>
        <Field label={t('people.organization')}>
          <select
            id="invite-organizationId"
            value={invite.organizationId}
            onChange={(e) => setInvite({ ...invite, organizationId: e.currentTarget.value })}
            {...aria('organizationId')}
          >
            <option value="">—</option>
            {sortByName(orgs, localName).map((o) => (
              <option value={o.id} lang={langAttr(localNameIn(o).lang)}>
                {localName(o)}
              </option>
            ))}
          </select>
          {err('organizationId')}
        </Field>
        <Field label={t('people.inviteLanguage')}>
          <select id="invite-language" value={invite.language} onChange={(e) => setInvite({ ...invite, language: e.currentTarget.value as Language })}>
            {LANGUAGES.map((l) => (
              <option value={l}>{t(`language.${l}`)}</option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={submit.busy}>
          {t('people.sendInvite')}
        </button>
      </form>
      {errorField === null && <FieldError error={submit.error} />}
      {link && (
        <p data-testid="invite-link">
          {t('invitations.mailed')} {t('people.linkReady')} <code>{link}</code>
        </p>
      )}
    </section>
  );
}
