// TRUST_PROXY is a hop count: behind one proxy the client is the address that proxy appended, whatever
// a client wrote into X-Forwarded-For itself; `true` is refused; unset trusts no header at all.
import Fastify from 'fastify';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';

async function clientIp(trustProxy: ReturnType<typeof loadConfig>['trustProxy'], forwardedFor: string) {
  const app = Fastify({ trustProxy });
  app.get('/ip', async (request) => request.ip);
  const res = await app.inject({ url: '/ip', remoteAddress: '172.18.0.5', headers: { 'x-forwarded-for': forwardedFor } });
  await app.close();
  return res.body;
}

t.test('one hop: the address the proxy saw, not the one the client claims', async (t) => {
  const { trustProxy } = loadConfig({ TRUST_PROXY: '1' });
  t.equal(await clientIp(trustProxy, '203.0.113.7'), '203.0.113.7');
  t.equal(await clientIp(trustProxy, '10.0.0.1, 203.0.113.7'), '203.0.113.7', 'a forged first entry is ignored');
});

t.test('two hops (a load balancer in front of nginx)', async (t) => {
  t.equal(await clientIp(loadConfig({ TRUST_PROXY: '2' }).trustProxy, '10.0.0.1, 203.0.113.7, 198.51.100.2'), '203.0.113.7');
});

t.test('unset or 0: X-Forwarded-For is not believed', async (t) => {
  t.equal(await clientIp(loadConfig({}).trustProxy, '203.0.113.7'), '172.18.0.5');
  t.equal(await clientIp(loadConfig({ TRUST_PROXY: '0' }).trustProxy, '203.0.113.7'), '172.18.0.5');
});

t.test('true (trust any header) and nonsense are refused by name', async (t) => {
  for (const value of ['true', 'yes', 'many', '11']) {
    const err = t.throws(() => loadConfig({ TRUST_PROXY: value })) as ConfigError;
    t.ok(err instanceof ConfigError, value);
    t.match(err.message, 'TRUST_PROXY', value);
  }
});
