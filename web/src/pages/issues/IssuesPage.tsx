// The issues area: the company portal (my issues, submit, public issues, feed) and the officials'
// review console (queue, pending answers, feed). Attendees see the public list.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { t } from '../../i18n/index.js';
import { route } from '../../router.js';
import { me } from '../../session.js';
import { Feed } from './Feed.js';
import { IssueDetail } from './IssueDetail.js';
import { MyIssues, PendingAnswers, PublicIssues, Queue } from './Lists.js';
import { SubmitIssue } from './SubmitIssue.js';

type Tab = { path: string; label: string; count?: number };

export function IssuesPage({ id }: { id?: string }) {
  const role = me.value?.user.role;
  const path = route.value;
  // The unread count on the Notifications tab, refreshed when the page changes.
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (role)
      void get<{ unread: number }>('/api/feed?limit=1').then(
        (f) => setUnread(f.unread),
        () => {},
      );
  }, [path]);
  const tabs: Tab[] =
    role === 'company_rep'
      ? [
          { path: '/issues', label: t('issues.tab.mine') },
          { path: '/issues/new', label: t('issues.tab.new') },
          { path: '/issues/public', label: t('issues.tab.public') },
          { path: '/issues/feed', label: t('issues.tab.feed'), count: unread },
        ]
      : role === 'official'
        ? [
            { path: '/issues', label: t('issues.tab.queue') },
            { path: '/issues/answers', label: t('issues.tab.answers') },
            { path: '/issues/public', label: t('issues.tab.public') },
            { path: '/issues/feed', label: t('issues.tab.feed'), count: unread },
          ]
        : [{ path: '/issues', label: t('issues.tab.public') }];
  let body;
  if (id) body = <IssueDetail id={id} />;
  else if (path === '/issues/new' && role === 'company_rep') body = <SubmitIssue />;
  else if (path === '/issues/public') body = <PublicIssues />;
  else if (path === '/issues/feed') body = <Feed />;
  else if (path === '/issues/answers' && role === 'official') body = <PendingAnswers />;
  else if (role === 'company_rep') body = <MyIssues />;
  else if (role === 'official') body = <Queue />;
  else body = <PublicIssues />;
  return (
    <main>
      <h1>{t('nav.issues')}</h1>
      <nav class="tabs" aria-label={t('issues.sections')}>
        {tabs.map((tab) => (
          <a href={`#${tab.path}`} class={path === tab.path ? 'active' : ''}>
            {tab.label}
            {tab.count ? (
              <span class="badge" data-testid="unread-count">
                {tab.count}
              </span>
            ) : null}
          </a>
        ))}
      </nav>
      {body}
    </main>
  );
}
