// Runs the reminder job every `intervalSeconds` on this instance (0: off). Several instances may run
// it at once: the job itself makes each reminder go out once. Skips a round while `busy()` (the instance
// is under pressure): reminders are due by the day, a later round sends them. Stops on close.
import type { FastifyPluginAsync } from 'fastify';
import { sendDueReminders } from './reminders.service.js';

const remindersPlugin: FastifyPluginAsync<{ intervalSeconds: number; busy?: () => boolean }> = async (app, { intervalSeconds, busy }) => {
  if (intervalSeconds <= 0) return;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return; // the previous pass is still going
    if (busy?.()) return app.log.warn('action reminders: instance under pressure, skipping this round');
    running = sendDueReminders(app.db)
      .then((sent) => sent && app.log.info({ sent }, 'action reminders sent'))
      .catch((err: unknown) => app.log.error({ err }, 'action reminders failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
};

export default remindersPlugin;
