// Decisions of one slot: each with its kind, department or reason, issues and action items; for the
// round-table's staff, the forms that record a decision and add an action (due date prefilled with
// the pledge: the round-table's local date + its pledge days, as the server computes it).
import { useEffect, useState } from 'preact/hooks';
import { get, post, type Organization, type User } from '../../api.js';
import { ErrorNote, Field, FieldError, OrgName, useSubmit } from '../../components/ui.js';
import { language, localName, sortByName, t } from '../../i18n/index.js';
import { ActionCard } from './ActionCard.js';
import { langAttr, TitleText, TranslatedText, WithWritten } from '../../components/Translated.js';
import { me } from '../../session.js';
import { DECISION_KINDS, kindLabel, personText, type Action, type Decision, type DecisionKind, type IssueRef } from './model.js';

export function IssueLinks({ issues }: { issues: IssueRef[] }) {
  return (
    <ul class="issues">
      {issues.map((i) => (
        <li>
          <a href={`#/issues/${i.id}`}>
            {i.title === null ? t('rt.issueHidden') : <TitleText title={i.title} lang={i.language} translation={i.translation} />}
          </a>
          {i.company && (
            <span class="muted">
              {' '}
              · <OrgName names={i.company} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function DecisionCard({
  decision,
  staff,
  pledgeDueDate,
  onChange,
}: {
  decision: Decision;
  staff: boolean;
  pledgeDueDate: string;
  onChange: () => void;
}) {
  const [actions, setActions] = useState(decision.actions);
  useEffect(() => setActions(decision.actions), [decision]);
  const replace = (a: Action) => {
    setActions((list) => list.map((x) => (x.id === a.id ? a : x)));
    onChange();
  };
  return (
    <article class="decision" data-testid="decision">
      <span class="badge">{kindLabel(decision.kind)}</span>
      <TranslatedText original={{ text: decision.text }} language={decision.language} translation={decision.translation}>
        {(f) => <p data-testid="decision-text">{f.text}</p>}
      </TranslatedText>
      {(me.value?.user.role === 'organizer' || me.value?.user.role === 'official') && (
        <a class="translate-link" href={`#/translations/decision/${decision.id}`}>
          {t('translations.translate')}
        </a>
      )}
      {/* Department and reason are written with the decision's text, in its language. */}
      {decision.department && (
        <p class="muted">
          <WithWritten message="outcomes.referredTo" param="department" text={decision.department} lang={decision.language} />
        </p>
      )}
      {decision.reason && (
        <p class="muted">
          {t('outcomes.reason')}: <span lang={langAttr(decision.language)}>{decision.reason}</span>
        </p>
      )}
      <IssueLinks issues={decision.issues} />
      <p class="muted small">{personText(decision.createdBy)}</p>
      {actions.length > 0 && (
        <ul class="plain actions">
          {actions.map((a) => (
            <ActionCard action={a} onChange={replace} />
          ))}
        </ul>
      )}
      {staff && decision.kind !== 'no_action' && <ActionForm decisionId={decision.id} defaultDue={pledgeDueDate} onAdded={onChange} />}
    </article>
  );
}

export function DecisionForm({ roundTableId, slotId, issues, onAdded }: { roundTableId: string; slotId: string; issues: IssueRef[]; onAdded: () => void }) {
  const [kind, setKind] = useState<DecisionKind>('commitment');
  const [text, setText] = useState('');
  const [department, setDepartment] = useState('');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>(issues.map((i) => i.id));
  const submit = useSubmit(async () => {
    await post(`/api/round-tables/${roundTableId}/slots/${slotId}/decisions`, {
      text,
      kind,
      issueIds: chosen,
      language: language.value,
      ...(kind === 'referral' ? { department } : {}),
      ...(kind === 'no_action' ? { reason } : {}),
    });
    setText('');
    setDepartment('');
    setReason('');
    onAdded();
  });
  if (!issues.length) return <p class="muted">{t('outcomes.noIssuesOnSlot')}</p>;
  return (
    <form class="card" data-testid="decision-form" onSubmit={submit.run}>
      <h4>{t('outcomes.recordDecision')}</h4>
      <Field label={t('outcomes.decisionKind')}>
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as DecisionKind)}>
          {DECISION_KINDS.map((k) => (
            <option value={k}>{kindLabel(k)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('outcomes.decisionText')}>
        <textarea rows={3} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      {kind === 'referral' && (
        <Field label={t('outcomes.department')}>
          <input required value={department} onInput={(e) => setDepartment(e.currentTarget.value)} />
        </Field>
      )}
      {kind === 'no_action' && (
        <Field label={t('outcomes.reason')}>
          <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
      )}
      <fieldset>
        <legend>{t('outcomes.decisionIssues')}</legend>
        {issues.map((i) => (
          <label class="check">
            <input
              type="checkbox"
              checked={chosen.includes(i.id)}
              onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, i.id] : chosen.filter((x) => x !== i.id))}
            />{' '}
            {i.title === null ? t('rt.issueHidden') : <TitleText title={i.title} lang={i.language} translation={i.translation} />}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={submit.busy}>
        {t('outcomes.saveDecision')}
      </button>
      <FieldError error={submit.error} />
    </form>
  );
}

// Organizations and people for the owner pickers, loaded once per page.
let directory: Promise<{ orgs: Organization[]; users: User[] }> | null = null;
const loadDirectory = () =>
  (directory ??= Promise.all([get<Organization[]>('/api/organizations'), get<User[]>('/api/users').catch(() => [] as User[])]).then(([orgs, users]) => ({
    orgs,
    users,
  })));

export function ActionForm({ decisionId, defaultDue, onAdded }: { decisionId: string; defaultDue: string; onAdded: () => void }) {
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [description, setDescription] = useState('');
  const [orgId, setOrgId] = useState('');
  const [userId, setUserId] = useState('');
  const [due, setDue] = useState(defaultDue);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadDirectory().then((d) => {
      setOrgs(d.orgs);
      setUsers(d.users);
    }, setError);
  }, []);
  const submit = useSubmit(async () => {
    await post(`/api/decisions/${decisionId}/actions`, { description, ownerOrganizationId: orgId, ...(userId ? { ownerUserId: userId } : {}), dueDate: due });
    setDescription('');
    setDue(defaultDue);
    onAdded();
  });
  const people = users.filter((u) => u.organizationId === orgId && !u.deactivatedAt);
  return (
    <form class="action-form" data-testid="action-form" onSubmit={submit.run}>
      <h4>{t('outcomes.addAction')}</h4>
      <Field label={t('outcomes.actionDescription')}>
        <input required value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      <div class="row">
        <Field label={t('outcomes.ownerOrganization')}>
          <select required value={orgId} onChange={(e) => (setOrgId(e.currentTarget.value), setUserId(''))}>
            <option value="">—</option>
            {sortByName(orgs, localName).map((o) => (
              <option value={o.id}>{localName(o)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('outcomes.ownerPerson')}>
          <select value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
            <option value="">—</option>
            {people.map((u) => (
              <option value={u.id}>{u.displayName}</option>
            ))}
          </select>
        </Field>
        <Field label={t('outcomes.dueDate')}>
          <input type="date" required value={due} onInput={(e) => setDue(e.currentTarget.value)} />
        </Field>
      </div>
      <p class="muted small">{t('outcomes.pledgeDefault')}</p>
      <ErrorNote error={error} />
      <button type="submit" disabled={submit.busy}>
        {t('outcomes.saveAction')}
      </button>
      <FieldError error={submit.error} />
    </form>
  );
}
