// Round-tables: the public list, "my round-tables" (registered or chaired, with the personal calendar
// feed), and for officials a form to create a draft.
import { useState } from 'preact/hooks';
import { del, get, post } from '../../api.js';
import { FieldError, LocalTitle, StateView, useLoad, useSubmit } from '../../components/ui.js';
import { t, tn, type MessageKey } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me } from '../../session.js';
import { dualTime, type RoundTable } from './model.js';
import { RoundTableForm } from './Form.js';

export const statusLabel = (s: string) => t(`rt.status.${s}` as MessageKey);
export const registrationLabel = (s: string) => t(`rt.registration.${s}` as MessageKey);

export function RoundTableList({ mine }: { mine: boolean }) {
  const list = useLoad(() => get<RoundTable[]>(`/api/round-tables${mine ? '?mine=true' : ''}`), [mine]);
  const rows = list.data;
  const isOfficial = me.value?.user.role === 'official';

  return (
    <main>
      <h1>{mine ? t('rt.mine') : t('nav.roundTables')}</h1>
      {me.value && (
        <nav class="tabs" aria-label={t('nav.roundTables')}>
          <a href="#/round-tables" class={mine ? '' : 'active'}>
            {t('rt.all')}
          </a>
          <a href="#/my-round-tables" class={mine ? 'active' : ''}>
            {t('rt.mine')}
          </a>
        </nav>
      )}
      {isOfficial && !mine && <CreateForm />}
      {mine && me.value && <CalendarFeed />}
      <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={!rows?.length} emptyText={t('rt.none')}>
        <p class="muted">{tn('rt.count', rows?.length ?? 0)}</p>
        <ul class="plain" data-testid="round-table-list">
          {(rows ?? []).map((rt) => (
            <li class="card">
              <h2>
                <a href={`#/round-tables/${rt.id}`}>
                  <LocalTitle of={rt} />
                </a>{' '}
                <span class="badge">{statusLabel(rt.status)}</span>
                {rt.myRegistration && <span class="badge">{registrationLabel(rt.myRegistration.status)}</span>}
              </h2>
              <p class="times" title={t('rt.zoneDetail', { zone: rt.timeZone })}>
                {dualTime(rt.startsAt, rt, true)}
              </p>
              <p class="muted">
                {[rt.venueName, rt.venueRoom].filter(Boolean).join(', ') || t('rt.online')} · {t('rt.seats', { taken: rt.seatsTaken, capacity: rt.capacity })}
              </p>
            </li>
          ))}
        </ul>
      </StateView>
    </main>
  );
}

function CreateForm() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="open-create-round-table">
        {t('rt.create')}
      </button>
    );
  return <RoundTableForm onSaved={(rt) => navigate(`/round-tables/${rt.id}`)} />;
}

function CalendarFeed() {
  const [url, setUrl] = useState<string | null>(null);
  // Creating (or rotating) and revoking the feed: one at a time, the refusal beside the buttons.
  const feed = useSubmit();
  const create = feed.runWith(async () => setUrl((await post<{ url: string }>('/api/me/calendar-feed')).url));
  const revoke = feed.runWith(async () => {
    await del('/api/me/calendar-feed');
    setUrl(null);
  });
  return (
    <section class="card">
      <h2>{t('rt.feed.title')}</h2>
      <p class="muted">{t('rt.feed.intro')}</p>
      {url && (
        <p>
          <code data-testid="feed-url">{url}</code>
        </p>
      )}
      <div class="row">
        <button disabled={feed.busy} onClick={create}>
          {url ? t('rt.feed.rotate') : t('rt.feed.create')}
        </button>
        <button class="link" disabled={feed.busy} onClick={revoke}>
          {t('rt.feed.revoke')}
        </button>
      </div>
      <FieldError error={feed.error} />
    </section>
  );
}
