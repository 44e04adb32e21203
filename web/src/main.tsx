import { render } from 'preact';
import { Header } from './components/Header.js';
import { language, t } from './i18n/index.js';
import { Home } from './pages/Home.js';
import { Invite } from './pages/Invite.js';
import { IssuesPage } from './pages/issues/IssuesPage.js';
import { People } from './pages/People.js';
import { Organizations } from './pages/Organizations.js';
import { Audit } from './pages/Audit.js';
import { ChairConsole } from './pages/live/ChairConsole.js';
import { LiveList } from './pages/live/LiveList.js';
import { LivePage } from './pages/live/LivePage.js';
import { Profile } from './pages/Profile.js';
import { Notifications } from './pages/Notifications.js';
import { Outbox } from './pages/Outbox.js';
import { ForgotPassword, ResetPassword } from './pages/Passwords.js';
import { RoundTableList } from './pages/roundtables/List.js';
import { RoundTablePage } from './pages/roundtables/Page.js';
import { SignIn } from './pages/SignIn.js';
import { BoardPage } from './pages/outcomes/Board.js';
import { PrintOutcomes } from './pages/outcomes/Outcomes.js';
import { match, route } from './router.js';
import { loadSession, me, sessionChecked } from './session.js';

function Page() {
  const invite = match('/invite/:token');
  if (invite) return <Invite token={invite.token!} />;
  const reset = match('/reset-password/:token');
  if (reset) return <ResetPassword token={reset.token!} />;
  if (route.value === '/forgot-password') return <ForgotPassword />;
  if (!sessionChecked.value) return <main class="muted">{t('app.loading')}</main>;
  // Round-tables are public pages: anyone may browse the published ones without signing in.
  // The accountability board and the printable outcomes are public too (projected per viewer).
  if (match('/board')) return <BoardPage />;
  const print = match('/round-tables/:id/outcomes/print');
  if (print) return <PrintOutcomes id={print.id!} />;
  const roundTable = match('/round-tables/:id');
  if (roundTable) return <RoundTablePage id={roundTable.id!} />;
  if (route.value === '/round-tables') return <RoundTableList mine={false} />;
  // Following a round-table live is open to whoever may see the round-table.
  const chairConsole = match('/live/:id/console');
  if (chairConsole) return <ChairConsole id={chairConsole.id!} />;
  const liveRt = match('/live/:id');
  if (liveRt) return <LivePage id={liveRt.id!} />;
  // So is the public issue list, and an issue's page shows what the server lets a visitor see.
  const issue = match('/issues/:id');
  if (issue && !['new', 'public', 'feed', 'answers'].includes(issue.id!)) return <IssuesPage id={issue.id} />;
  if (route.value === '/issues' || (issue && !me.value && issue.id === 'public')) return <IssuesPage />;
  if (!me.value) return <SignIn />;
  if (route.value === '/my-round-tables') return <RoundTableList mine />;
  if (issue) return <IssuesPage />;
  switch (route.value) {
    case '/live':
      return <LiveList />;
    case '/people':
      return <People />;
    case '/organizations':
      return me.value.user.role === 'organizer' ? <Organizations /> : <Home />;
    case '/audit':
      return me.value.user.role === 'organizer' ? <Audit /> : <Home />;
    case '/profile':
      return <Profile />;
    case '/notifications':
      return <Notifications />;
    case '/outbox':
      return <Outbox />;
    default:
      return <Home />;
  }
}

function App() {
  // Reading the signal subscribes the whole tree to language changes.
  document.documentElement.lang = language.value === 'zh' ? 'zh-CN' : language.value;
  return (
    <>
      <Header />
      <Page />
    </>
  );
}

render(<App />, document.getElementById('app')!);
void loadSession();
