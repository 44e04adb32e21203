// Where an issue is on the programme: the round-table it is scheduled for and the agenda slot it is in,
// each a link, the slot with its time (the one time module). The released agenda when it has the issue;
// staff also see a placement still only in the draft. The issue itself names the round-table to officials
// and the author company; anyone else asks the server, which tells them once a released agenda lists it.
import { get } from '../../api.js';
import { LocalTitle, useLoad } from '../../components/ui.js';
import { language, t, type MessageKey } from '../../i18n/index.js';
import { venueTime } from '../../time.js';
import { localText, type AgendaItem, type Draft, type Release, type RoundTable } from '../roundtables/model.js';

/** The slot (at any depth) that lists the issue. */
export function slotOf(items: AgendaItem[], issueId: string): AgendaItem | null {
  for (const item of items) {
    if (item.issueIds.includes(issueId)) return item;
    const inner = item.items && slotOf(item.items, issueId);
    if (inner) return inner;
  }
  return null;
}

async function placementOf(roundTableId: string, issueId: string) {
  const rt = await get<RoundTable>(`/api/round-tables/${roundTableId}`);
  const released = await get<Release | null>(`/api/round-tables/${roundTableId}/agenda`);
  let slot = released ? slotOf(released.items, issueId) : null;
  if (!slot && rt.isStaff) slot = slotOf((await get<Draft>(`/api/round-tables/${roundTableId}/agenda/draft`)).items, issueId);
  return { rt, slot };
}

function Placement({ roundTableId, issueId }: { roundTableId: string; issueId: string }) {
  const placement = useLoad(() => placementOf(roundTableId, issueId), [roundTableId, issueId, language.value]);
  const href = `#/round-tables/${roundTableId}`;
  if (!placement.data) {
    // Loading, or the round-table could not be read: the plain link still leads there.
    return (
      <p data-testid="issue-placement">
        <a href={href}>{t('issues.placement.roundTable')}</a>
      </p>
    );
  }
  const { rt, slot } = placement.data;
  return (
    <p data-testid="issue-placement">
      {t('issues.placement.on')}{' '}
      <a href={href}>
        <LocalTitle of={rt} />
      </a>
      {slot?.id && (
        <>
          {' · '}
          <a href={`${href}?slot=${slot.id}`} data-testid="issue-slot">
            {localText(slot) ? <LocalTitle of={slot} /> : t(`rt.kind.${slot.kind}` as MessageKey)}
          </a>{' '}
          {slot.startsAt && <span class="muted">{venueTime(slot.startsAt, rt)}</span>}
        </>
      )}
    </p>
  );
}

/** States in which an issue may be on (or have been discussed at) a round-table. */
const ON_PROGRAMME = new Set(['scheduled', 'discussed', 'action_pending', 'resolved']);

export function IssuePlacement({ issue }: { issue: { id: string; state: string; roundTableId: string | null } }) {
  const ask = !issue.roundTableId && ON_PROGRAMME.has(issue.state);
  const asked = useLoad(
    () => (ask ? get<{ roundTableId: string | null }>(`/api/issues/${issue.id}/round-table`) : Promise.resolve({ roundTableId: issue.roundTableId })),
    [issue.id, issue.state, issue.roundTableId],
  );
  const roundTableId = issue.roundTableId ?? asked.data?.roundTableId;
  return roundTableId ? <Placement roundTableId={roundTableId} issueId={issue.id} /> : null;
}
