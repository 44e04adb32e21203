// Runs the outbox worker on this instance: every `intervalMs` it gathers due digests and, when a
// sender is configured (SMTP_URL), sends what is due. Without one, messages stay in the outbox (the
// development mailbox at #/outbox). Several instances may run it at once. Skips a round while `busy()`
// (the instance is under pressure): mail waits in the outbox for a later round. Stops on close.
import type { FastifyPluginAsync } from 'fastify';
import { createTransport } from 'nodemailer';
import { redactUrl } from '../../lib/redact.js';
import { gatherDigests, sendDue, type MailSender, type OutboxSettings } from './notifications.outbox.js';

export interface OutboxPluginOptions extends OutboxSettings {
  intervalMs: number;
  smtpUrl: string | undefined;
  from: string;
  /** Tests pass their own sender. */
  sender?: MailSender;
  /** Whether the instance is under pressure (skip this round). */
  busy?: () => boolean;
}

/** Milliseconds; their sum stays well under the claim's lease (app.ts: 120 s). */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const outboxPlugin: FastifyPluginAsync<OutboxPluginOptions> = async (app, opts) => {
  if (opts.intervalMs <= 0) return;
  let send = opts.sender;
  if (!send && opts.smtpUrl) {
    // Bounded waits: a relay that accepts the connection and then hangs must not outlast the lease.
    const transport = createTransport({ url: opts.smtpUrl, ...SMTP_TIMEOUTS });
    app.addHook('onClose', async () => transport.close());
    app.log.info(`outbox: sending e-mail through ${redactUrl(opts.smtpUrl)}`);
    send = async (mail) => {
      await transport.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
    };
  }
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    if (opts.busy?.()) return app.log.warn('outbox: instance under pressure, skipping this round');
    running = (async () => {
      await gatherDigests(app.db);
      if (send) {
        const sent = await sendDue(app.db, send, opts, app.log);
        if (sent) app.log.info({ sent }, 'e-mail sent');
      }
    })()
      .catch((err: unknown) => app.log.error({ err }, 'outbox pass failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  });
};

export default outboxPlugin;
