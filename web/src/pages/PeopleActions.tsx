// Organizers' actions on one account in the People list: change the role (and the organization the
// role needs), deactivate (behind a confirmation: every session ends at once) and reactivate.
import { useState } from 'preact/hooks';
import { patch, post, ROLES, type Organization, type Role, type User } from '../api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { FieldError, roleLabel, useSubmit } from '../components/ui.js';
import { localName, t } from '../i18n/index.js';

/** The organization kind a role needs (attendees: any or none), as the server checks it. */
export const ROLE_KIND: Record<Role, Organization['kind'] | null> = { organizer: 'organizer', official: 'government', company_rep: 'company', attendee: null };

export function PeopleActions({ user, orgs, onChanged }: { user: User; orgs: Organization[]; onChanged: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [organizationId, setOrganizationId] = useState(user.organizationId ?? '');
  const fitting = orgs.filter((o) => !ROLE_KIND[role] || o.kind === ROLE_KIND[role]);
  const save = useSubmit(async () => {
    await patch(`/api/users/${user.id}/role`, { role, organizationId: organizationId || null });
    setEditing(false);
    await onChanged();
  });
  const active = useSubmit(async () => {
    await post(`/api/users/${user.id}/${user.deactivatedAt ? 'reactivate' : 'deactivate'}`);
    await onChanged();
  });
  const needsOrg = ROLE_KIND[role] !== null && !fitting.some((o) => o.id === organizationId);

  if (editing) {
    return (
      <form class="role-edit" onSubmit={save.run} data-testid="role-edit">
        <label class="field">
          <span>{t('people.role')}</span>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => (
              <option value={r}>{roleLabel(r)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('people.organization')}</span>
          <select value={organizationId} onChange={(e) => setOrganizationId(e.currentTarget.value)}>
            <option value="">—</option>
            {fitting.map((o) => (
              <option value={o.id}>{localName(o)}</option>
            ))}
          </select>
        </label>
        {needsOrg && <span class="field-error">{t('people.roleNeedsOrg')}</span>}
        <FieldError error={save.error} />
        <div class="row">
          <button type="submit" disabled={save.busy || needsOrg}>
            {t('people.saveRole')}
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            {t('confirm.cancel')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div class="row actions">
      <button type="button" class="link" onClick={() => setEditing(true)} data-testid="change-role">
        {t('people.changeRole')}
      </button>
      {user.deactivatedAt ? (
        <button type="button" class="link" disabled={active.busy} onClick={() => void active.run()}>
          {t('people.reactivate')}
        </button>
      ) : (
        <ConfirmButton
          label={t('people.deactivate')}
          confirm={t('people.deactivate.confirm', { name: user.displayName })}
          undo={t('people.deactivate.undo')}
          onConfirm={() => active.run()}
          testId={`deactivate-${user.id}`}
        />
      )}
      <FieldError error={active.error} />
    </div>
  );
}
