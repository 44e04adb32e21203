// Organizers: the audit trail. Each row says who (name and organization), what (a sentence in the
// reader's language), on what (a link to the issue or round-table) and when; filters by kind of
// event and by person; pages by the server's keyset cursor ("Show older"), so rows neither repeat
// nor go missing while new events arrive. What the server leaves out or redacts stays so here.
import { useState } from 'preact/hooks';
import { EVENT_KINDS } from '../../../src/lib/event-kinds.js';
import { get, type User } from '../api.js';
import { Field, FieldError, LocalTitle, roleLabel, StateView, useLoad, useSubmit } from '../components/ui.js';
import { hasMessage, localName, t, tn, type MessageKey, type Names } from '../i18n/index.js';
import { me } from '../session.js';
import { formatInstant } from '../time.js';
import { stateLabel } from './issues/model.js';
import { localText } from './roundtables/model.js';

export interface AuditRow {
  stream: string;
  seq: number | null;
  type: string;
  data: Record<string, unknown> | null;
  actorId: string | null;
  actorName: string | null;
  actorOrganization: { nameEn: string; nameJa: string; nameZh: string } | null;
  createdAt: string;
  cursor: string;
  redacted: boolean;
}

const PAGE = 50;

/** The event as a sentence in the reader's language (the raw type only for a kind the client does not know). */
export function describeEvent(row: Pick<AuditRow, 'type' | 'data'>): string {
  const key = `audit.type.${row.type}`;
  if (!hasMessage(key)) return row.type;
  const data = row.data ?? {};
  const state = typeof data.state === 'string' ? stateLabel(data.state) : '';
  const number = typeof data.number === 'number' ? data.number : '';
  const role = typeof data.role === 'string' ? roleLabel(data.role) : isInvitation(data.invitation) ? roleLabel(data.invitation.role) : '';
  return t(key, { state, number, role });
}

/** What the event is about, as a link, when the row says (redacted rows do not). */
function Subject({ row }: { row: AuditRow }) {
  const data = row.data;
  if (!data) return row.redacted ? <span class="muted">{t('audit.redacted')}</span> : null;
  if (typeof data.issueId === 'string') {
    return <a href={`#/issues/${data.issueId}`}>{typeof data.title === 'string' ? data.title : t('audit.issue')}</a>;
  }
  const rt = data.roundTable as Parameters<typeof localText>[0] & { id?: string };
  if (rt && typeof rt.id === 'string')
    return (
      <a href={`#/round-tables/${rt.id}`}>
        <LocalTitle of={rt} />
      </a>
    );
  if (typeof data.roundTableId === 'string') return <a href={`#/round-tables/${data.roundTableId}`}>{t('audit.roundTable')}</a>;
  // The platform stream: an organization, a person or an invited address.
  const org = data.organization as Names | undefined;
  if (org && typeof org.nameEn === 'string') return <a href="#/organizations">{localName(org)}</a>;
  const person = data.user as { displayName?: unknown } | undefined;
  if (person && typeof person.displayName === 'string') return <a href="#/people">{person.displayName}</a>;
  if (isInvitation(data.invitation)) return <a href="#/people">{data.invitation.email}</a>;
  return null;
}

const isInvitation = (value: unknown): value is { email: string; role: string } =>
  typeof value === 'object' && value !== null && typeof (value as { email?: unknown }).email === 'string';

export function Audit() {
  const zone = me.value!.user.timeZone;
  const [kind, setKind] = useState('');
  const [actorId, setActorId] = useState('');
  const [more, setMore] = useState<AuditRow[]>([]);
  const [done, setDone] = useState(false);
  const query = (cursor?: string) => {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (kind) q.set('kind', kind);
    if (actorId) q.set('actorId', actorId);
    if (cursor) q.set('cursor', cursor);
    return `/api/events?${q}`;
  };
  const people = useLoad(() => get<User[]>('/api/users'), []);
  const first = useLoad(async () => {
    setMore([]);
    const rows = await get<AuditRow[]>(query());
    setDone(rows.length < PAGE);
    return rows;
  }, [kind, actorId]);
  const rows = [...(first.data ?? []), ...more];
  const older = useSubmit(async () => {
    const last = rows[rows.length - 1];
    const page = await get<AuditRow[]>(query(last?.cursor));
    setMore([...more, ...page]);
    setDone(page.length < PAGE);
  });
  const actors = (people.data ?? []).filter((u) => u.role === 'official' || u.role === 'organizer');

  return (
    <main>
      <h1>{t('audit.title')}</h1>
      <p class="muted">{t('audit.intro')}</p>
      <div class="row filters">
        <Field label={t('audit.kind')}>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)} data-testid="audit-kind">
            <option value="">{t('audit.allKinds')}</option>
            {EVENT_KINDS.map((k) => (
              <option value={k}>{t(`audit.kind.${k}` as MessageKey)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.actor')}>
          <select value={actorId} onChange={(e) => setActorId(e.currentTarget.value)}>
            <option value="">{t('audit.anyone')}</option>
            {actors.map((u) => (
              <option value={u.id}>{u.displayName}</option>
            ))}
          </select>
        </Field>
      </div>
      <StateView
        loading={first.loading}
        error={first.error}
        onRetry={first.reload}
        empty={rows.length === 0}
        filtered={!!kind || !!actorId}
        emptyText={t('audit.none')}
      >
        <ol class="plain audit" data-testid="audit-list">
          {rows.map((r) => (
            <li class="audit-row">
              <time class="muted" dateTime={r.createdAt}>
                {formatInstant(r.createdAt, zone)}
              </time>
              <span class="who">
                {r.actorName ? (
                  <>
                    <strong>{r.actorName}</strong>
                    {r.actorOrganization && <span class="muted"> · {localName(r.actorOrganization)}</span>}
                  </>
                ) : (
                  <span class="muted">{t('audit.system')}</span>
                )}
              </span>
              <span class="what">{describeEvent(r)}</span>
              <span class="subject">
                <Subject row={r} />
              </span>
            </li>
          ))}
        </ol>
        <p class="muted">{tn('audit.shown', rows.length)}</p>
        <FieldError error={older.error} />
        {!done && (
          <button type="button" class="secondary" disabled={older.busy} onClick={() => void older.run()} data-testid="audit-older">
            {t('audit.older')}
          </button>
        )}
      </StateView>
    </main>
  );
}
