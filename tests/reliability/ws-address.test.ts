// Signed-out WebSockets are limited per client address (LIVE_MAX_ANONYMOUS_PER_ADDRESS, per instance):
// past it the socket gets TOO_MANY_CONNECTIONS in the documented frame shape and close 1008, while a
// socket from another address is still served.
import t from 'tap';
import { ORIGIN, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { LiveClient } from '../helpers/live.js';

const database = await testDatabase(t, { seed: false });

void t.test('signed-out WebSockets are limited per address; another address still connects', async (t) => {
  const app = await testApp(t, database, { live: { ...testConfig().live, maxAnonymousSocketsPerAddress: 1 } });
  // injectWS builds the upgrade request from this context: its socket names the peer's address.
  const from = async (remoteAddress: string) => {
    let live: LiveClient | undefined;
    await app.injectWS('/api/live', { headers: { origin: ORIGIN }, socket: { remoteAddress } } as never, { onInit: (ws) => (live = new LiveClient(ws)) });
    return live!;
  };
  const first = await from('10.3.0.1');
  t.equal((await first.command({ type: 'subscribe', stream: 'public' })).type, 'snapshot', 'the first socket is served');
  const second = await from('10.3.0.1');
  const refused = await second.waitFor((f) => f.type === 'error');
  t.same(Object.keys(refused).sort(), ['code', 'error', 'message', 'statusCode', 'type'], 'the documented frame shape');
  t.match(refused, { type: 'error', statusCode: 429, code: 'TOO_MANY_CONNECTIONS', error: 'Too Many Requests' });
  t.match(await second.closed, { code: 1008 }, 'closed (policy)');
  const other = await from('10.3.0.2');
  t.equal((await other.command({ type: 'subscribe', stream: 'public' })).type, 'snapshot', 'another address is served');
  first.close();
  other.close();
});
