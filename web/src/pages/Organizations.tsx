// Organizers: the organizations on the platform (companies, government bodies, the organizer),
// created and renamed here so a new company can be onboarded from the web client. The kind is
// fixed once created (members' roles depend on it); only companies have an industry.
import { useState } from 'preact/hooks';
import { get, ORGANIZATION_KINDS, patch, post, type Organization } from '../api.js';
import { Field, FieldError, OrgName, StateView, useLoad, useSubmit } from '../components/ui.js';
import { localName, t, tn, type MessageKey } from '../i18n/index.js';

type Kind = Organization['kind'];
const KINDS: readonly Kind[] = ORGANIZATION_KINDS;
const kindLabel = (k: string) => t(`org.kind.${k}` as MessageKey);

interface Draft {
  kind: Kind;
  nameEn: string;
  nameJa: string;
  nameZh: string;
  industry: string;
}
const blank: Draft = { kind: 'company', nameEn: '', nameJa: '', nameZh: '', industry: '' };
const bodyOf = (d: Draft) => ({
  nameEn: d.nameEn.trim(),
  nameJa: d.nameJa.trim(),
  nameZh: d.nameZh.trim(),
  industry: d.kind === 'company' && d.industry.trim() ? d.industry.trim() : null,
});

function OrgFields({ draft, setDraft, fixedKind, idPrefix }: { draft: Draft; setDraft: (d: Draft) => void; fixedKind: boolean; idPrefix: string }) {
  return (
    <div class="row">
      <Field label={t('org.kind')}>
        <select id={`${idPrefix}-kind`} disabled={fixedKind} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as Kind })}>
          {KINDS.map((k) => (
            <option value={k}>{kindLabel(k)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('org.nameEn')}>
        <input id={`${idPrefix}-nameEn`} required maxLength={200} value={draft.nameEn} onInput={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })} />
      </Field>
      <Field label={t('org.nameJa')}>
        <input id={`${idPrefix}-nameJa`} maxLength={200} value={draft.nameJa} onInput={(e) => setDraft({ ...draft, nameJa: e.currentTarget.value })} />
      </Field>
      <Field label={t('org.nameZh')}>
        <input id={`${idPrefix}-nameZh`} maxLength={200} value={draft.nameZh} onInput={(e) => setDraft({ ...draft, nameZh: e.currentTarget.value })} />
      </Field>
      {draft.kind === 'company' && (
        <Field label={t('org.industry')}>
          <input id={`${idPrefix}-industry`} maxLength={100} value={draft.industry} onInput={(e) => setDraft({ ...draft, industry: e.currentTarget.value })} />
        </Field>
      )}
    </div>
  );
}

export function Organizations() {
  const list = useLoad(() => get<Organization[]>('/api/organizations'), []);
  const [kind, setKind] = useState<'' | Kind>('');
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<Draft>(blank);
  const [created, setCreated] = useState<Organization | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const create = useSubmit(async () => {
    const org = await post<Organization>('/api/organizations', { kind: draft.kind, ...bodyOf(draft) });
    setCreated(org);
    setDraft(blank);
    await list.reload();
  });

  const rows = (list.data ?? []).filter(
    (o) =>
      (!kind || o.kind === kind) &&
      (!query.trim() || [o.nameEn, o.nameJa, o.nameZh, o.industry ?? ''].some((n) => n.toLowerCase().includes(query.trim().toLowerCase()))),
  );
  const filtered = !!kind || !!query.trim();

  return (
    <main>
      <h1>{t('org.title')}</h1>
      <form class="card" onSubmit={create.run} data-testid="org-create">
        <h2>{t('org.create')}</h2>
        <p class="muted">{t('org.createHint')}</p>
        <OrgFields draft={draft} setDraft={setDraft} fixedKind={false} idPrefix="org-new" />
        <FieldError error={create.error} />
        <button type="submit" disabled={create.busy}>
          {t('org.createAction')}
        </button>
        {created && (
          <p class="ok" role="status" data-testid="org-created">
            {t('org.created', { name: localName(created) })} <a href="#/people">{t('org.inviteNext')}</a>
          </p>
        )}
      </form>
      <section class="card">
        <h2>{t('org.list')}</h2>
        <div class="row filters">
          <Field label={t('org.kind')}>
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as '' | Kind)}>
              <option value="">{t('org.allKinds')}</option>
              {KINDS.map((k) => (
                <option value={k}>{kindLabel(k)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('org.search')}>
            <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </Field>
        </div>
        <StateView
          loading={list.loading}
          error={list.error}
          onRetry={list.reload}
          empty={rows.length === 0}
          filtered={filtered && (list.data?.length ?? 0) > 0}
          emptyText={t('org.none')}
        >
          <p class="muted">{tn('org.count', list.data?.length ?? 0, { shown: rows.length })}</p>
          <ul class="plain org-list" data-testid="org-list">
            {rows.map((o) =>
              editing === o.id ? (
                <EditOrganization org={o} onDone={() => (setEditing(null), void list.reload())} />
              ) : (
                <li class="card compact">
                  <strong>
                    <OrgName names={o} />
                  </strong>{' '}
                  <span class="badge">{kindLabel(o.kind)}</span>
                  {o.industry && <span class="muted"> · {o.industry}</span>}
                  <div class="muted small">{[o.nameEn, o.nameJa, o.nameZh].filter(Boolean).join(' / ')}</div>
                  <button type="button" class="link" onClick={() => setEditing(o.id)}>
                    {t('org.edit')}
                  </button>
                </li>
              ),
            )}
          </ul>
        </StateView>
      </section>
    </main>
  );
}

function EditOrganization({ org, onDone }: { org: Organization; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>({ kind: org.kind, nameEn: org.nameEn, nameJa: org.nameJa, nameZh: org.nameZh, industry: org.industry ?? '' });
  const save = useSubmit(async () => {
    await patch(`/api/organizations/${org.id}`, bodyOf(draft));
    onDone();
  });
  return (
    <li class="card compact">
      <form onSubmit={save.run} data-testid="org-edit">
        <OrgFields draft={draft} setDraft={setDraft} fixedKind idPrefix={`org-${org.id}`} />
        <FieldError error={save.error} />
        <div class="row">
          <button type="submit" disabled={save.busy}>
            {t('profile.save')}
          </button>
          <button type="button" class="secondary" onClick={onDone}>
            {t('confirm.cancel')}
          </button>
        </div>
      </form>
    </li>
  );
}
