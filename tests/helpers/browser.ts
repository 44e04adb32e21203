// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core; never a downloaded browser.
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { ORIGIN, testApp } from './app.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The app listening on a real port, reachable by the browser at the returned base URL. */
export async function listeningApp(t: Teardown, database: Database, overrides: Partial<Config> = {}): Promise<{ app: App; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await testApp(t, database, { port, publicUrl: base, webOrigins: [base, ORIGIN], ...overrides });
  await app.listen({ host: '127.0.0.1', port });
  return { app, base };
}

export async function launchBrowser(t: Teardown): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  t.teardown(() => browser.close());
  return browser;
}
