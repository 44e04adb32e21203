// The owner's view: action items owned by the signed-in person's organization, with status moves
// and progress reports (GET /api/actions/mine). Shown on the home page when there are any.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { ErrorNote } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { ActionCard } from './ActionCard.js';
import type { Action } from './model.js';

export function MyActions() {
  const [actions, setActions] = useState<Action[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<Action[]>('/api/actions/mine').then(setActions, setError);
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!actions?.length) return null;
  return (
    <section class="card" data-testid="my-actions">
      <h2>{t('outcomes.myActions')}</h2>
      <ul class="plain actions">
        {actions.map((a) => (
          <ActionCard action={a} onChange={(next) => setActions((list) => list!.map((x) => (x.id === next.id ? next : x)))} />
        ))}
      </ul>
    </section>
  );
}
