// A round-table's outcomes: the "Outcomes" tab of its page after the session (staff edit, everyone
// else reads what visibility allows), the chair console's recorder for the current slot, and the
// printable minutes-and-outcomes page. All read GET /api/round-tables/:id/outcomes, projected per viewer.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { Awaiting, LocalTitle, OrgName } from '../../components/ui.js';
import { langAttr, TitleText, TranslatedText } from '../../components/Translated.js';
import { t, tn } from '../../i18n/index.js';
import { live } from '../../live.js';
import { formatInstant, venueTime } from '../../time.js';
import { localText } from '../roundtables/model.js';
import { ProgressBar } from './ActionCard.js';
import { DecisionCard, DecisionForm, IssueLinks } from './Decisions.js';
import { MinutesEditor, MinutesPanel } from './Minutes.js';
import { actionStatusLabel, formatDate, kindLabel, minutesStatusLabel, personText, type RoundTableOutcomes, type SlotOutcomes } from './model.js';

/** The outcomes of a round-table, re-read when the server says they changed (on the round-table's stream). */
export function useOutcomes(id: string, stream: string | null) {
  const [data, setData] = useState<RoundTableOutcomes | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => (setError(null), get<RoundTableOutcomes>(`/api/round-tables/${id}/outcomes`).then(setData, setError));
  useEffect(() => {
    void load();
    if (!stream) return;
    return live.subscribe(stream, { snapshot: () => {}, event: (type) => type === 'outcomes.changed' && void load() });
  }, [id, stream]);
  return { data, error, reload: () => void load() };
}

function SlotSection({ data, slot, reload }: { data: RoundTableOutcomes; slot: SlotOutcomes; reload: () => void }) {
  const rt = data.roundTable;
  return (
    <section class="card slot-outcomes" data-testid="slot-outcomes">
      <h3>{localText(slot) ? <LocalTitle of={slot} /> : t(`rt.kind.${slot.kind}` as 'rt.kind.issue')}</h3>
      <IssueLinks issues={slot.issues} />
      <MinutesPanel roundTableId={rt.id} slotId={slot.slotId} minutes={slot.minutes} staff={rt.isStaff} reload={reload} />
      <h4>{t('outcomes.decisions')}</h4>
      {slot.decisions.length === 0 && <p class="muted">{t('outcomes.noDecisions')}</p>}
      {slot.decisions.map((d) => (
        <DecisionCard decision={d} staff={rt.isStaff} pledgeDueDate={rt.pledgeDueDate} onChange={reload} />
      ))}
      {rt.isStaff && slot.issues.length > 0 && <DecisionForm roundTableId={rt.id} slotId={slot.slotId} issues={slot.issues} onAdded={reload} />}
    </section>
  );
}

/** Slots worth showing: those with issues, minutes or decisions (breaks and empty sections are left out). */
const meaningful = (s: SlotOutcomes) => s.issues.length > 0 || s.minutes !== null || s.decisions.length > 0;

export function OutcomesTab({ id }: { id: string }) {
  const { data, error, reload } = useOutcomes(id, `roundtable:${id}`);
  if (!data) return <Awaiting error={error} onRetry={reload} />;
  const rt = data.roundTable;
  const slots = data.slots.filter((s) => rt.isStaff || meaningful(s));
  return (
    <div data-testid="outcomes-tab">
      <p>
        {tn('outcomes.pledgeDue', rt.pledgeDays, { date: formatDate(rt.pledgeDueDate) })} ·{' '}
        <a href={`#/round-tables/${id}/outcomes/print`} data-testid="print-link">
          {t('outcomes.printable')}
        </a>{' '}
        · <a href={`#/board?roundTable=${id}`}>{t('board.title')}</a>
      </p>
      {slots.length === 0 && <p class="muted">{t('outcomes.nothingYet')}</p>}
      {slots.map((s) => (
        <SlotSection data={data} slot={s} reload={reload} />
      ))}
    </div>
  );
}

/** The chair console's recorder: minutes, decisions and actions of the slot being discussed. */
export function SlotRecorder({ id, slotId }: { id: string; slotId: string }) {
  const { data, error, reload } = useOutcomes(id, `roundtable:${id}:staff`);
  if (!data) return error ? <Awaiting error={error} onRetry={reload} /> : null;
  const slot = data.slots.find((s) => s.slotId === slotId);
  if (!slot) return null;
  const rt = data.roundTable;
  return (
    <section class="card" data-testid="slot-recorder">
      <h2>{t('outcomes.recordSlot', { slot: localText(slot) })}</h2>
      <MinutesEditor roundTableId={id} slotId={slotId} minutes={slot.minutes} onSaved={reload} />
      <h3>{t('outcomes.decisions')}</h3>
      {slot.decisions.map((d) => (
        <DecisionCard decision={d} staff pledgeDueDate={rt.pledgeDueDate} onChange={reload} />
      ))}
      {slot.issues.length > 0 ? (
        <DecisionForm roundTableId={id} slotId={slotId} issues={slot.issues} onAdded={reload} />
      ) : (
        <p class="muted">{t('outcomes.noIssuesOnSlot')}</p>
      )}
    </section>
  );
}

/** Minutes and outcomes on paper: plain, every slot, no controls (print stylesheet in index.html). */
export function PrintOutcomes({ id }: { id: string }) {
  const { data, error, reload } = useOutcomes(id, null);
  if (!data) {
    return (
      <main>
        <Awaiting error={error} onRetry={reload} />
      </main>
    );
  }
  const rt = data.roundTable;
  return (
    <main class="print-page" data-testid="print-outcomes">
      <p class="no-print">
        <a href={`#/round-tables/${id}`}>
          ← <LocalTitle of={rt} />
        </a>{' '}
        <button onClick={() => print()}>{t('outcomes.print')}</button>
      </p>
      <h1>{t('outcomes.printTitle', { title: localText(rt) })}</h1>
      <p>
        {venueTime(rt.startsAt, rt)} · {tn('outcomes.pledgeDue', rt.pledgeDays, { date: formatDate(rt.pledgeDueDate) })}
      </p>
      {data.slots.filter(meaningful).map((s) => (
        <section class="print-slot">
          <h2>{localText(s) ? <LocalTitle of={s} /> : t(`rt.kind.${s.kind}` as 'rt.kind.issue')}</h2>
          {s.issues.length > 0 && (
            <p>
              {s.issues.map((i, n) => (
                <>
                  {n > 0 && ' · '}
                  {i.title === null ? t('rt.issueHidden') : <TitleText title={i.title} lang={i.language} translation={i.translation} />}
                </>
              ))}
            </p>
          )}
          <h3>
            {t('outcomes.minutes')}{' '}
            {s.minutes && t('outcomes.minutesVersionStatus', { status: minutesStatusLabel(s.minutes.status), version: s.minutes.version })}
          </h3>
          {s.minutes?.text ? (
            <TranslatedText original={{ text: s.minutes.text }} language={s.minutes.language} translation={s.minutes.translation}>
              {(f) => <div class="minutes-text">{f.text}</div>}
            </TranslatedText>
          ) : (
            <div class="minutes-text">{t('outcomes.minutesNotYet')}</div>
          )}
          {s.minutes?.addenda.map((a) => (
            <div class="minutes-text">
              <strong>{t('outcomes.addendum')}</strong> ({formatInstant(a.createdAt, rt.timeZone)}): <span lang={langAttr(a.language)}>{a.text}</span>
            </div>
          ))}
          {s.decisions.length > 0 && <h3>{t('outcomes.decisions')}</h3>}
          {s.decisions.map((d) => (
            <div class="print-decision">
              <p>
                <strong>{kindLabel(d.kind)}</strong>: {d.department && `(${t('outcomes.referredTo', { department: d.department })})`}{' '}
                {d.reason && `(${d.reason})`}
              </p>
              <TranslatedText original={{ text: d.text }} language={d.language} translation={d.translation}>
                {(f) => <p data-testid="print-decision-text">{f.text}</p>}
              </TranslatedText>
              {d.actions.length > 0 && (
                <table class="list">
                  <thead>
                    <tr>
                      <th>{t('outcomes.actionDescription')}</th>
                      <th>{t('outcomes.owner')}</th>
                      <th>{t('outcomes.dueDate')}</th>
                      <th>{t('outcomes.statusHeading')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.actions.map((a) => (
                      <tr>
                        <td>
                          <TranslatedText original={{ description: a.description }} language={a.language} translation={a.translation}>
                            {(f) => f.description}
                          </TranslatedText>
                        </td>
                        <td>{a.ownerOrganization ? <OrgName names={a.ownerOrganization} /> : t('outcomes.ownerHidden')}</td>
                        <td>{formatDate(a.dueDate)}</td>
                        <td>
                          {actionStatusLabel(a.status)} {a.overdue && `· ${t('outcomes.overdue')}`} <ProgressBar percent={a.percent} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p class="muted small">{personText(d.createdBy)}</p>
            </div>
          ))}
        </section>
      ))}
    </main>
  );
}
