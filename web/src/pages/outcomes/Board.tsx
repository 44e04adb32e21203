// The public accountability board (#/board, #/board?roundTable=<id>): days left on each pledge,
// actions by status, the overdue list, progress by category and by responsible department, as CSS
// bars. It follows the `public` stream and re-reads itself (debounced) on outcomes and issue changes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { Awaiting, LocalTitle, OrgName } from '../../components/ui.js';
import { TitleText } from '../../components/Translated.js';
import { localName, sortByName, t, tn } from '../../i18n/index.js';
import { live } from '../../live.js';
import { route } from '../../router.js';
import { formatInstant, viewerZone } from '../../time.js';
import { categoryLabel } from '../issues/model.js';
import { OverdueBadge, ProgressBar } from './ActionCard.js';
import { actionStatusLabel, daysLeftText, formatDate, type Board, type StatusCounts } from './model.js';

const STATUS_ORDER = ['done', 'in_progress', 'open', 'dropped'] as const;

/** One stacked bar: done, in progress, open, dropped, proportional to their counts. */
function StatusBar({ counts, testId }: { counts: StatusCounts; testId?: string }) {
  const total = counts.total || 1;
  return (
    <div class="status-bar-wrap" data-testid={testId}>
      <div class="status-bar" role="img" aria-label={STATUS_ORDER.map((s) => `${actionStatusLabel(s)} ${counts[s]}`).join(', ')}>
        {STATUS_ORDER.map((s) => counts[s] > 0 && <span class={`seg seg-${s}`} style={{ width: `${(100 * counts[s]) / total}%` }} />)}
      </div>
      <div class="status-legend small">
        {STATUS_ORDER.map((s) => (
          <span class={`legend legend-${s}`} data-status={s}>
            {actionStatusLabel(s)} {counts[s]}
          </span>
        ))}
        {counts.overdue > 0 && (
          <span class="badge overdue">
            {t('outcomes.overdue')} {counts.overdue}
          </span>
        )}
      </div>
    </div>
  );
}

export function BoardPage() {
  const roundTableId = new URLSearchParams(route.value.split('?')[1] ?? '').get('roundTable');
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const url = `/api/board${roundTableId ? `?roundTableId=${roundTableId}` : ''}`;
  useEffect(() => {
    const load = () => get<Board>(url).then(setBoard, setError);
    void load();
    // Bursts of events (a decision and its actions) cause one re-read.
    const soon = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(load, 300);
    };
    const stop = live.subscribe('public', { snapshot: () => {}, event: (type) => (type === 'outcomes.changed' || type === 'issue.transition') && soon() });
    return () => {
      stop();
      clearTimeout(timer.current);
    };
  }, [url]);
  if (!board) {
    return (
      <main>
        <Awaiting error={error} onRetry={() => (setError(null), get<Board>(url).then(setBoard, setError))} />
      </main>
    );
  }
  const zone = viewerZone();
  return (
    <main class="board" data-testid="board">
      <h1>{t('board.title')}</h1>
      <p class="muted">{t('board.intro')}</p>
      {roundTableId && (
        <p>
          <a href="#/board">{t('board.overall')}</a>
        </p>
      )}
      <section class="card">
        <h2>{tn('board.totals', board.totals.total)}</h2>
        <StatusBar counts={board.totals} testId="board-totals" />
        <p class="muted small">{t('board.updated', { at: formatInstant(board.generatedAt, zone) })}</p>
      </section>
      <section class="card">
        <h2>{t('board.pledges')}</h2>
        {board.pledges.length === 0 && <p class="muted">{t('board.none')}</p>}
        <ul class="plain">
          {board.pledges.map((p) => (
            <li class="pledge" data-testid="board-pledge">
              <a href={`#/round-tables/${p.roundTableId}`}>
                <LocalTitle of={p} />
              </a>{' '}
              <span class={p.daysLeft < 0 ? 'badge overdue' : 'badge'}>{daysLeftText(p.daysLeft)}</span>
              <div class="muted small">{t('board.pledgeDue', { date: formatDate(p.pledgeDueDate) })}</div>
              <ProgressBar percent={p.averagePercent} />
              <StatusBar counts={p.actions} />
              {!roundTableId && (
                <a class="small" href={`#/board?roundTable=${p.roundTableId}`}>
                  {t('board.details')}
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{tn('board.overdue', board.overdue.length)}</h2>
        {board.overdue.length === 0 && <p class="muted">{t('board.noOverdue')}</p>}
        <ul class="plain" data-testid="board-overdue">
          {board.overdue.map((a) => (
            <li>
              <TitleText title={a.description} lang={a.language} translation={a.translation} field="description" /> ·{' '}
              {a.ownerOrganization ? <OrgName names={a.ownerOrganization} /> : t('outcomes.ownerHidden')} · {formatDate(a.dueDate)} <OverdueBadge action={a} />
              <ProgressBar percent={a.percent} />
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('board.byCategory')}</h2>
        <ul class="plain">
          {board.byCategory.map((c) => (
            <li>
              <strong>{categoryLabel(c.category)}</strong> <ProgressBar percent={c.averagePercent} />
              <StatusBar counts={c.actions} />
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('board.byDepartment')}</h2>
        <ul class="plain">
          {sortByName(board.byDepartment, (d) => localName(d.organization)).map((d) => (
            <li>
              <strong>
                <OrgName names={d.organization} />
              </strong>{' '}
              <ProgressBar percent={d.averagePercent} />
              <StatusBar counts={d.actions} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
