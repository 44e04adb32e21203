import { get } from '../../api.js';
import { LocalTitle, StateView, useLoad } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import type { RoundTable } from '../roundtables/model.js';

/** Round-tables one can follow live: those live now first, then the scheduled ones. */
export function LiveList() {
  const list = useLoad(() => get<RoundTable[]>('/api/round-tables'), []);
  const shown = (list.data ?? [])
    .filter((r) => r.status === 'live' || r.status === 'scheduled')
    .sort((a, b) => (a.status === 'live' ? -1 : 0) - (b.status === 'live' ? -1 : 0));
  return (
    <main>
      <h1>{t('nav.live')}</h1>
      <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={shown.length === 0} emptyText={t('live.none')}>
        <ul data-testid="live-list">
          {shown.map((r) => (
            <li>
              <a href={`#/live/${r.id}`}>
                <LocalTitle of={r} />
              </a>{' '}
              {r.status === 'live' && <span class="badge">{t('live.status.live')}</span>}
            </li>
          ))}
        </ul>
      </StateView>
    </main>
  );
}
