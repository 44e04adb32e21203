import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { ErrorNote } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { localText, type RoundTable } from '../roundtables/model.js';

/** Round-tables one can follow live: those live now first, then the scheduled ones. */
export function LiveList() {
  const [list, setList] = useState<RoundTable[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<RoundTable[]>('/api/round-tables').then(setList, setError);
  }, []);
  const shown = (list ?? [])
    .filter((r) => r.status === 'live' || r.status === 'scheduled')
    .sort((a, b) => (a.status === 'live' ? -1 : 0) - (b.status === 'live' ? -1 : 0));
  return (
    <main>
      <h1>{t('nav.live')}</h1>
      <ErrorNote error={error} />
      {list && !shown.length && <p class="muted">{t('live.none')}</p>}
      <ul data-testid="live-list">
        {shown.map((r) => (
          <li>
            <a href={`#/live/${r.id}`}>{localText(r)}</a> {r.status === 'live' && <span class="badge">{t('live.status.live')}</span>}
          </li>
        ))}
      </ul>
    </main>
  );
}
