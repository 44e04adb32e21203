// The home page's dashboard: what needs the signed-in person, by role, from the existing lists.
// Officials: issues waiting for review, answers held for release, upcoming round-tables they run.
// Companies: their issues that need attention (drafts, unread clarification messages) and what
// changed (the notification feed). Attendees: their next round-tables. Organizers: the platform.
// Each panel has its own loading, empty and error-with-retry state, and labelled counts.
import type { ComponentChildren } from 'preact';
import { get, type Organization, type User } from '../api.js';
import { LocalTitle, StateView, useLoad } from '../components/ui.js';
import { TitleText } from '../components/Translated.js';
import { langAttr, t, tn } from '../i18n/index.js';
import { me } from '../session.js';
import { formatInstant, viewerZone } from '../time.js';
import { stateLabel, type FeedItem, type IssueSummary } from './issues/model.js';
import { NoticeLine, noticeTitle } from './Notifications.js';
import { dualTime, type RoundTable } from './roundtables/model.js';

const SHOWN = 5;

function Panel({ title, count, testId, children }: { title: string; count?: string; testId: string; children: ComponentChildren }) {
  return (
    <section class="card dash-panel" data-testid={testId}>
      <h2>
        {title} {count && <span class="badge">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function IssueLinks({ items }: { items: IssueSummary[] }) {
  return (
    <ul class="plain">
      {items.slice(0, SHOWN).map((i) => (
        <li>
          <a href={`#/issues/${i.id}`}>
            <TitleText title={i.title} lang={i.language} translation={i.translation} />
          </a>{' '}
          <span class="badge">{stateLabel(i.state)}</span>
          {i.unreadMessages > 0 && <span class="badge live-badge">{tn('dash.unread', i.unreadMessages)}</span>}
        </li>
      ))}
    </ul>
  );
}

function UpcomingRoundTables({ filter, title }: { filter: (rt: RoundTable) => boolean; title: string }) {
  const list = useLoad(() => get<RoundTable[]>('/api/round-tables?mine=true'), []);
  const now = Date.now();
  const upcoming = (list.data ?? []).filter(
    (rt) => (rt.status === 'scheduled' || rt.status === 'live' || rt.status === 'draft') && Date.parse(rt.endsAt) > now && filter(rt),
  );
  return (
    <Panel title={title} count={list.data ? tn('dash.count', upcoming.length) : undefined} testId="dash-round-tables">
      <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={upcoming.length === 0} emptyText={t('dash.noRoundTables')}>
        <ul class="plain">
          {upcoming.slice(0, SHOWN).map((rt) => (
            <li>
              <a href={`#/round-tables/${rt.id}`}>
                <LocalTitle of={rt} />
              </a>
              <div class="muted small">{dualTime(rt.startsAt, rt, true)}</div>
            </li>
          ))}
        </ul>
      </StateView>
      <a href="#/round-tables">{t('dash.allRoundTables')}</a>
    </Panel>
  );
}

function OfficialDashboard() {
  const queue = useLoad(() => get<{ items: IssueSummary[] }>('/api/issues/queue?state=submitted&state=under_review&sort=oldest_waiting&limit=50'), []);
  const pending = useLoad(() => get<{ issueId: string; title: string; language: string }[]>('/api/issues/answers/pending'), []);
  const waiting = queue.data?.items ?? [];
  return (
    <div class="dashboard">
      <Panel title={t('dash.review')} count={queue.data ? tn('dash.count', waiting.length) : undefined} testId="dash-review">
        <StateView loading={queue.loading} error={queue.error} onRetry={queue.reload} empty={waiting.length === 0} emptyText={t('dash.noReview')}>
          <IssueLinks items={waiting} />
        </StateView>
        <a href="#/issues">{t('dash.openQueue')}</a>
      </Panel>
      <Panel title={t('dash.pendingAnswers')} count={pending.data ? tn('dash.count', pending.data.length) : undefined} testId="dash-pending">
        <StateView
          loading={pending.loading}
          error={pending.error}
          onRetry={pending.reload}
          empty={(pending.data ?? []).length === 0}
          emptyText={t('dash.noPending')}
        >
          <ul class="plain">
            {(pending.data ?? []).slice(0, SHOWN).map((a) => (
              <li>
                <a href={`#/issues/${a.issueId}`} lang={langAttr(a.language)}>
                  {a.title}
                </a>
              </li>
            ))}
          </ul>
        </StateView>
      </Panel>
      <UpcomingRoundTables filter={(rt) => rt.isStaff} title={t('dash.myRoundTables')} />
    </div>
  );
}

function CompanyDashboard() {
  const mine = useLoad(() => get<{ items: IssueSummary[] }>('/api/issues/mine?limit=50'), []);
  const feed = useLoad(() => get<{ items: FeedItem[]; unread: number }>('/api/feed?limit=5'), []);
  const attention = (mine.data?.items ?? []).filter((i) => i.state === 'draft' || i.unreadMessages > 0 || i.state === 'awaiting_action');
  const zone = viewerZone();
  return (
    <div class="dashboard">
      <Panel title={t('dash.attention')} count={mine.data ? tn('dash.count', attention.length) : undefined} testId="dash-attention">
        <StateView loading={mine.loading} error={mine.error} onRetry={mine.reload} empty={attention.length === 0} emptyText={t('dash.noAttention')}>
          <IssueLinks items={attention} />
        </StateView>
        <a href="#/issues/new">{t('dash.submit')}</a>
      </Panel>
      <Panel title={t('dash.changed')} count={feed.data ? tn('feed.unread', feed.data.unread) : undefined} testId="dash-changed">
        <StateView loading={feed.loading} error={feed.error} onRetry={feed.reload} empty={(feed.data?.items ?? []).length === 0} emptyText={t('feed.empty')}>
          <ul class="plain">
            {(feed.data?.items ?? []).map((item) => (
              <li class={item.readAt ? '' : 'unread'}>
                <span class="muted small">{formatInstant(item.createdAt, zone)}</span> <NoticeLine n={{ ...item, link: null }} />{' '}
                {item.issueId && (
                  <a href={`#/issues/${item.issueId}`} lang={langAttr(noticeTitle(item.data).lang)}>
                    {noticeTitle(item.data).text}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </StateView>
        <a href="#/issues/feed">{t('dash.allChanges')}</a>
      </Panel>
      <UpcomingRoundTables filter={() => true} title={t('dash.nextRoundTables')} />
    </div>
  );
}

function OrganizerDashboard() {
  const users = useLoad(() => get<User[]>('/api/users'), []);
  const orgs = useLoad(() => get<Organization[]>('/api/organizations'), []);
  const active = (users.data ?? []).filter((u) => !u.deactivatedAt).length;
  const companies = (orgs.data ?? []).filter((o) => o.kind === 'company').length;
  return (
    <div class="dashboard">
      <Panel title={t('dash.platform')} testId="dash-platform">
        <StateView
          loading={users.loading || orgs.loading}
          error={users.error ?? orgs.error}
          onRetry={() => Promise.all([users.reload(), orgs.reload()])}
          empty={!users.data || !orgs.data}
          emptyText=""
        >
          <ul class="plain">
            <li>
              <a href="#/people">{tn('dash.activeAccounts', active)}</a>
            </li>
            <li>
              <a href="#/organizations">{tn('dash.companies', companies)}</a>
            </li>
            <li>
              <a href="#/audit">{t('nav.audit')}</a>
            </li>
          </ul>
        </StateView>
      </Panel>
    </div>
  );
}

export function Dashboard() {
  switch (me.value?.user.role) {
    case 'official':
      return <OfficialDashboard />;
    case 'company_rep':
      return <CompanyDashboard />;
    case 'organizer':
      return <OrganizerDashboard />;
    case 'attendee':
      return (
        <div class="dashboard">
          <UpcomingRoundTables filter={() => true} title={t('dash.nextRoundTables')} />
        </div>
      );
    default:
      return null;
  }
}
