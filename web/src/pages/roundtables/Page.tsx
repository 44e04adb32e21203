// One round-table: details with the venue time beside the viewer's, registration, add to calendar, the
// latest published agenda and every release's changelog; for its officials, the console (edit, publish,
// reschedule, cancel, start, conclude), the agenda builder and the registrants.
import { useEffect, useState } from 'preact/hooks';
import { get, post, del } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { Awaiting, ErrorNote, Field, FieldError, LocalTitle, OrgName, useSubmit } from '../../components/ui.js';
import { language, type MessageKey, t, tn } from '../../i18n/index.js';
import { me } from '../../session.js';
import { route } from '../../router.js';
import { OutcomesTab } from '../outcomes/Outcomes.js';
import { TranslatedText } from '../../components/Translated.js';
import { AgendaBuilder } from './Builder.js';
import { RoundTableForm } from './Form.js';
import { registrationLabel, statusLabel } from './List.js';
import {
  dualTime,
  localDescription,
  localText,
  translatedField,
  translatedTitle,
  venueSpan,
  type AgendaIssue,
  type AgendaItem,
  type ChangelogEntry,
  type Release,
  type RoundTable,
} from './model.js';

interface ReleaseSummary {
  number: number;
  publishedAt: string;
  changelog: ChangelogEntry[];
}

export function RoundTablePage({ id }: { id: string }) {
  const [rt, setRt] = useState<RoundTable | null>(null);
  const [agenda, setAgenda] = useState<Release | null>(null);
  const [releases, setReleases] = useState<ReleaseSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<'details' | 'outcomes'>('details');

  const load = async () => {
    try {
      const [r, a, rs] = await Promise.all([
        get<RoundTable>(`/api/round-tables/${id}`),
        get<Release | null>(`/api/round-tables/${id}/agenda`),
        get<ReleaseSummary[]>(`/api/round-tables/${id}/agenda/releases`),
      ]);
      setRt(r);
      setAgenda(a);
      setReleases(rs);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    setRt(null);
    void load();
  }, [id]);
  // Registering and unregistering send once however often they are clicked; the refusal shows beside them.
  const registration = useSubmit();

  if (!rt) {
    return (
      <main>
        <Awaiting error={error} onRetry={() => (setError(null), load())} />
      </main>
    );
  }
  const act = (fn: () => Promise<unknown>) =>
    registration.runWith(async () => {
      await fn();
      await load();
    });
  const role = me.value?.user.role;
  const mayRegister = rt.status === 'scheduled' && (role === 'attendee' || role === 'company_rep');
  const full = rt.seatsTaken >= rt.capacity;

  return (
    <main>
      <p>
        <a href="#/round-tables">← {t('nav.roundTables')}</a>
      </p>
      {rt.language ? (
        <TranslatedText {...translatedField(rt, 'title')}>
          {(f) => (
            <h1 data-testid="round-table-title">
              {f.title} <span class="badge">{statusLabel(rt.status)}</span>
            </h1>
          )}
        </TranslatedText>
      ) : (
        <h1>
          <LocalTitle of={rt} /> <span class="badge">{statusLabel(rt.status)}</span>
        </h1>
      )}
      {(me.value?.user.role === 'organizer' || me.value?.user.role === 'official') && rt.language && (
        <a class="translate-link" href={`#/translations/roundtable/${rt.id}`} data-testid="translate-roundtable">
          {t('translations.translate')}
        </a>
      )}
      <ErrorNote error={error} />
      {rt.status === 'concluded' && (
        <div class="tabs" role="tablist">
          {(['details', 'outcomes'] as const).map((k) => (
            <button role="tab" aria-selected={tab === k} class={tab === k ? 'tab active' : 'tab'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
              {t(`outcomes.tab.${k}`)}
            </button>
          ))}
        </div>
      )}
      {rt.status === 'concluded' && tab === 'outcomes' ? (
        <OutcomesTab id={id} />
      ) : (
        <>
          <section class="card" data-testid="round-table-details">
            <p class="times" data-testid="round-table-times" title={t('rt.zoneDetail', { zone: rt.timeZone })}>
              {venueSpan(rt.startsAt, rt.endsAt, rt)}
            </p>
            {rt.status === 'cancelled' && <p class="error">{t('rt.cancelledBecause', { reason: rt.cancelReason ?? '' })}</p>}
            {rt.language && translatedField(rt, 'description').original.description ? (
              <TranslatedText {...translatedField(rt, 'description')}>{(f) => <p data-testid="round-table-description">{f.description}</p>}</TranslatedText>
            ) : (
              <p>{localDescription(rt)}</p>
            )}
            <dl class="facts">
              <dt>{t('rt.host')}</dt>
              <dd>
                <OrgName names={rt.host} />
              </dd>
              <dt>{t('rt.chair')}</dt>
              <dd>{rt.chairName}</dd>
              {rt.venueName && (
                <>
                  <dt>{t('rt.venue')}</dt>
                  <dd>{[rt.venueName, rt.venueRoom, rt.venueAddress].filter(Boolean).join(', ')}</dd>
                </>
              )}
              {rt.onlineUrl && (
                <>
                  <dt>{t('rt.onlineUrl')}</dt>
                  <dd>
                    <a href={rt.onlineUrl} rel="noopener noreferrer" target="_blank">
                      {rt.onlineUrl}
                    </a>
                  </dd>
                </>
              )}
              <dt>{t('rt.theme')}</dt>
              <dd>{t(`rt.theme.${rt.theme}` as MessageKey)}</dd>
              <dt>{t('rt.capacity')}</dt>
              <dd data-testid="seats">
                {t('rt.seats', { taken: rt.seatsTaken, capacity: rt.capacity })}
                {rt.waitlisted > 0 ? ` · ${tn('rt.waitlist', rt.waitlisted)}` : ''}
              </dd>
              {rt.proposalDeadline && (
                <>
                  <dt>{t('rt.proposalDeadline')}</dt>
                  <dd>{dualTime(rt.proposalDeadline, rt, true)}</dd>
                </>
              )}
            </dl>
            <div class="row">
              {rt.myRegistration ? (
                <>
                  <span class="badge" data-testid="my-registration">
                    {registrationLabel(rt.myRegistration.status)}
                  </span>
                  <button class="secondary" disabled={registration.busy} onClick={act(() => del(`/api/round-tables/${id}/registration`))}>
                    {t('rt.unregister')}
                  </button>
                </>
              ) : (
                <>
                  {mayRegister && (
                    <button disabled={registration.busy} onClick={act(() => post(`/api/round-tables/${id}/registration`))}>
                      {full ? t('rt.joinWaitlist') : t('rt.register')}
                    </button>
                  )}
                  {!me.value && rt.status === 'scheduled' && (
                    <a class="button-link" href="#/" data-testid="sign-in-to-register">
                      {t('rt.signInToRegister')}
                    </a>
                  )}
                </>
              )}
              {(rt.status === 'live' || rt.status === 'scheduled') && (
                <a class="button-link" href={`#/live/${id}`} data-testid="follow-live">
                  {t('live.follow')}
                </a>
              )}
              {rt.status !== 'draft' && (
                <a class="button-link" href={`/api/round-tables/${id}/calendar.ics?lang=${language.value}`} download>
                  {t('rt.addToCalendar')}
                </a>
              )}
            </div>
            <FieldError error={registration.error} />
            {rt.reschedules && rt.reschedules.length > 0 && (
              <details>
                <summary>{tn('rt.rescheduled', rt.reschedules.length)}</summary>
                <ul>
                  {rt.reschedules.map((r) => (
                    <li>
                      {dualTime(r.previousStartsAt, rt, true)} → {dualTime(r.startsAt, rt, true)} {r.reason && `(${r.reason})`}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>

          <section class="card" data-testid="published-agenda">
            <h2>{agenda ? t('rt.agenda.release', { number: agenda.number }) : t('rt.agenda.title')}</h2>
            {agenda ? <AgendaView rt={rt} items={agenda.items} issues={agenda.issues} /> : <p class="muted">{t('rt.agenda.notYet')}</p>}
          </section>

          {releases.length > 0 && (
            <section class="card" data-testid="changelog">
              <h2>{t('rt.changelog')}</h2>
              {releases.map((r) => (
                <div>
                  <h3>
                    {t('rt.agenda.release', { number: r.number })} <span class="muted">{dualTime(r.publishedAt, rt, true)}</span>
                  </h3>
                  <ul>
                    {r.changelog.map((c) => (
                      <li>
                        {t(`rt.change.${c.change}` as MessageKey)}: {localText(c) ? <LocalTitle of={c} /> : t(`rt.kind.${c.kind}` as MessageKey)}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          )}

          {rt.isStaff && <Console rt={rt} reload={load} />}
        </>
      )}
    </main>
  );
}

function AgendaView({ rt, items, issues }: { rt: RoundTable; items: AgendaItem[]; issues: AgendaIssue[] }) {
  const issue = (id: string) => issues.find((i) => i.id === id);
  // An issue's page links to its slot (#/round-tables/<id>?slot=<slot id>): marked and scrolled to.
  const linked = new URLSearchParams(route.value.split('?')[1] ?? '').get('slot');
  useEffect(() => {
    if (linked) document.getElementById(`slot-${linked}`)?.scrollIntoView({ block: 'center' });
  }, [linked, items]);
  const slot = (item: AgendaItem) => (
    <li
      id={item.id ? `slot-${item.id}` : undefined}
      class={[item.kind === 'section' ? 'slot section' : 'slot', item.id && item.id === linked ? 'linked' : ''].join(' ').trim()}
      aria-current={item.id && item.id === linked ? 'location' : undefined}
      data-testid="agenda-slot"
    >
      <div class="slot-head">
        <span class="slot-time">{dualTime(item.startsAt!, rt, false)}</span>
        {item.language && translatedTitle(item).original.title ? (
          <TranslatedText {...translatedTitle(item)}>{(f) => <strong data-testid="agenda-slot-title">{f.title}</strong>}</TranslatedText>
        ) : (
          <strong>{localText(item) ? <LocalTitle of={item} /> : t(`rt.kind.${item.kind}` as MessageKey)}</strong>
        )}
        {item.kind !== 'section' && <span class="muted">{tn('rt.minutes', item.plannedMinutes)}</span>}
        {item.presenter && <span class="muted">· {item.presenter}</span>}
      </div>
      {item.issueIds.length > 0 && (
        <ul class="issues">
          {item.issueIds.map((id) => {
            const i = issue(id);
            return (
              <li>
                <a href={`#/issues/${id}`}>{i?.title ?? t('rt.issueHidden')}</a>
                {i?.company && (
                  <span class="muted">
                    {' '}
                    · <OrgName names={i.company} />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {item.items && <ol class="plain">{item.items.map(slot)}</ol>}
    </li>
  );
  return <ol class="plain agenda">{items.map(slot)}</ol>;
}

interface Registrant {
  id: string;
  displayName: string;
  email: string;
  organizationName: string | null;
  organization: { nameEn: string; nameJa: string; nameZh: string } | null;
  status: string;
}

function Console({ rt, reload }: { rt: RoundTable; reload: () => Promise<void> }) {
  const [error, setError] = useState<unknown>(null);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelMissing, setCancelMissing] = useState(false);
  const [registrants, setRegistrants] = useState<Registrant[]>([]);
  const loadRegistrants = () => get<Registrant[]>(`/api/round-tables/${rt.id}/registrations`).then(setRegistrants, setError);
  useEffect(() => void loadRegistrants(), [rt.id, rt.seatsTaken, rt.waitlisted]);

  // Each group (publish/start/conclude, cancel, a registrant's approval) sends once at a time, its refusal beside it.
  const status = useSubmit();
  const cancel = useSubmit();
  const approval = useSubmit();
  const act = (group: typeof status, fn: () => Promise<unknown>) =>
    group.runWith(async () => {
      await fn();
      await reload();
    });
  const closed = rt.status === 'cancelled' || rt.status === 'concluded';

  return (
    <>
      <h2>{t('rt.console')}</h2>
      <ErrorNote error={error} />
      <section class="card">
        <div class="row">
          {rt.status === 'draft' && (
            <button disabled={status.busy} onClick={act(status, () => post(`/api/round-tables/${rt.id}/publish`))}>
              {t('rt.publish')}
            </button>
          )}
          {rt.status === 'scheduled' && (
            <button disabled={status.busy} onClick={act(status, () => post(`/api/round-tables/${rt.id}/live/start`))}>
              {t('rt.start.action')}
            </button>
          )}
          {rt.status === 'live' && (
            <>
              <a class="button" href={`#/live/${rt.id}/console`}>
                {t('live.console.open')}
              </a>
              <ConfirmButton
                label={t('rt.conclude')}
                confirm={t('rt.conclude.confirm')}
                onConfirm={act(status, () => post(`/api/round-tables/${rt.id}/live/end`))}
                disabled={status.busy}
                testId="conclude"
              />
            </>
          )}
        </div>
        <FieldError error={status.error} />
      </section>
      {!closed && rt.status !== 'live' && <RoundTableForm key={`${rt.id}:${rt.sequence}`} rt={rt} onSaved={() => reload()} />}
      {!closed && rt.status !== 'live' && (
        <section class="card danger-zone" data-testid="cancel-round-table">
          <h3>{t('rt.cancel')}</h3>
          <Field label={t('rt.cancelReason')}>
            <input id="rt-cancel-reason" required maxLength={1000} value={cancelReason} onInput={(e) => setCancelReason(e.currentTarget.value)} />
          </Field>
          {cancelMissing && <span class="field-error">{t('error.REASON_REQUIRED')}</span>}
          <ConfirmButton
            label={t('rt.cancel')}
            confirm={tn('rt.cancel.confirm', rt.seatsTaken + rt.waitlisted, { title: localText(rt) })}
            before={() => {
              setCancelMissing(!cancelReason.trim());
              return !!cancelReason.trim();
            }}
            onConfirm={act(cancel, () => post(`/api/round-tables/${rt.id}/cancel`, { reason: cancelReason }))}
            disabled={cancel.busy}
            testId="cancel-rt"
          />
          <FieldError error={cancel.error} />
        </section>
      )}
      {!closed && <AgendaBuilder rt={rt} onPublished={reload} />}
      <section class="card" data-testid="registrants">
        <h3>{t('rt.registrants')}</h3>
        <p>
          <a href={`/api/round-tables/${rt.id}/registrations.csv?lang=${language.value}`} download>
            {t('rt.exportCsv')}
          </a>
        </p>
        <table class="list">
          <tbody>
            {registrants.map((r) => (
              <tr>
                <td>{r.displayName}</td>
                <td>{r.organization ? <OrgName names={r.organization} /> : '—'}</td>
                <td>{registrationLabel(r.status)}</td>
                <td>
                  {r.status === 'pending' && (
                    <>
                      <button
                        class="link"
                        disabled={approval.busy}
                        onClick={act(approval, () => post(`/api/round-tables/${rt.id}/registrations/${r.id}/approve`).then(loadRegistrants))}
                      >
                        {t('rt.approve')}
                      </button>{' '}
                      <button
                        class="link"
                        disabled={approval.busy}
                        onClick={act(approval, () => post(`/api/round-tables/${rt.id}/registrations/${r.id}/reject`).then(loadRegistrants))}
                      >
                        {t('rt.reject')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FieldError error={approval.error} />
      </section>
    </>
  );
}
