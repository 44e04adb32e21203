// The owner's view: action items owned by the signed-in person's organization, with status moves
// and progress reports (GET /api/actions/mine). On the home page of everyone who belongs to an
// organization, with its own states: loading, the error with a retry, none yet, the list.
import { get } from '../../api.js';
import { StateView, useLoad } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { ActionCard } from './ActionCard.js';
import type { Action } from './model.js';

export function MyActions() {
  const mine = useLoad(() => (me.value?.organization ? get<Action[]>('/api/actions/mine') : Promise.resolve([])), []);
  const actions = mine.data ?? [];
  if (!me.value?.organization) return null;
  return (
    <section class="card" data-testid="my-actions">
      <h2>{t('outcomes.myActions')}</h2>
      <StateView loading={mine.loading} error={mine.error} onRetry={mine.reload} empty={!actions.length} emptyText={t('outcomes.noMyActions')}>
        <ul class="plain actions">
          {actions.map((a) => (
            <ActionCard action={a} onChange={(next) => mine.setData((list) => (list ?? []).map((x) => (x.id === next.id ? next : x)))} />
          ))}
        </ul>
      </StateView>
    </section>
  );
}
