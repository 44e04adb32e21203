// Runs the outbox worker on this instance: every `intervalMs` it gathers due digests and, when a
// sender is configured (SMTP_URL), sends what is due. Without one, messages stay in the outbox (the
// development mailbox at #/outbox). Several instances may run it at once. Skips a round while `busy()`
// (the instance is under pressure): mail waits in the outbox for a later round. Stops on close.
import type { FastifyPluginAsync } from 'fastify';
import { createTransport } from 'nodemailer';
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

const outboxPlugin: FastifyPluginAsync<OutboxPluginOptions> = async (app, opts) => {
  if (opts.intervalMs <= 0) return;
  let send = opts.sender;
  if (!send && opts.smtpUrl) {
    const transport = createTransport(opts.smtpUrl);
    app.addHook('onClose', async () => transport.close());
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
