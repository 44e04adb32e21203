// The whole chain of one issue: submitted → answered → scheduled (link to the round-table and its
// slot) → discussed → decision → actions → progress → resolved, with dates and the roles (names where
// the server gives them), then the decisions with their actions (the owner can report progress there).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { ErrorNote, LocalTitle } from '../../components/ui.js';
import { TitleText } from '../../components/Translated.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { live } from '../../live.js';
import { formatInstant, viewerZone } from '../../time.js';
import { DecisionCard } from './Decisions.js';
import { actionStatusLabel, personText, type IssueChain } from './model.js';

export function Chain({ issueId, onChange }: { issueId: string; onChange?: () => void }) {
  const [chain, setChain] = useState<IssueChain | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<IssueChain>(`/api/issues/${issueId}/chain`).then(setChain, setError);
  useEffect(() => {
    void load();
  }, [issueId]);
  // Re-read when the round-table it was discussed at records something new.
  const rtId = chain?.roundTable?.id;
  useEffect(() => {
    if (!rtId) return;
    return live.subscribe(`roundtable:${rtId}`, {
      snapshot: () => {},
      event: (type) => (type === 'outcomes.changed' || type === 'issue.transition') && void load(),
    });
  }, [rtId]);
  if (!chain) return error ? <ErrorNote error={error} /> : null;
  const zone = viewerZone();
  const rt = chain.roundTable;
  return (
    <section class="card" data-testid="issue-chain">
      <h2>{t('chain.title')}</h2>
      <ol class="chain">
        {chain.steps.map((s) => (
          <li class={`chain-step chain-${s.kind}`} data-kind={s.kind}>
            <strong>{t(`chain.${s.kind}` as MessageKey)}</strong> <span class="muted">{formatInstant(s.at, zone)}</span>
            {s.actor && <span class="muted"> · {personText(s.actor)}</span>}
            {s.kind === 'scheduled' && rt && (
              <>
                {' '}
                ·{' '}
                <a href={`#/round-tables/${rt.id}`}>
                  <LocalTitle of={rt} />
                </a>
                {rt.slotId && (
                  <>
                    {' '}
                    (<a href={`#/live/${rt.id}`}>{t('chain.slot')}</a>)
                  </>
                )}
              </>
            )}
            {s.status && <span class="badge">{actionStatusLabel(s.status)}</span>}
            {s.percent !== undefined && <span> {s.percent}%</span>}
            {s.text && (
              <div>
                {s.language ? (
                  <TitleText title={s.text} lang={s.language} translation={s.translation} field={s.kind === 'action' ? 'description' : 'text'} />
                ) : (
                  s.text
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {chain.decisions.map((d) => (
        <DecisionCard decision={d} staff={false} pledgeDueDate="" onChange={() => (void load(), onChange?.())} />
      ))}
    </section>
  );
}
