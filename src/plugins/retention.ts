// Data that grows is bounded: every `retention.intervalSeconds` each instance deletes ended sessions,
// unaccepted ended invitations, used or expired live tickets and old throttle windows (each after its setting), and moves
// events outside the replay window to events_archive. Every step is idempotent and safe to run on
// several instances at once. A round is skipped while the instance is under pressure.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { purgeThrottleHits } from '../db/throttle.js';
import { archiveEvents, purgeArchive } from '../live/archive.js';
import { purgeTickets } from '../live/tickets.js';
import { purgeEndedSessions } from '../modules/auth/sessions.service.js';
import { purgeEndedInvitations } from '../modules/invitations/invitations.service.js';

const ARCHIVE_BATCH = 5000;

export interface RetentionReport {
  sessions: number;
  invitations: number;
  tickets: number;
  throttleHits: number;
  eventsArchived: number;
  archivePurged: number;
}

/** One retention round (also run by tests and `npm run db:retention`-style tooling). */
export async function runRetention(app: Pick<FastifyInstance, 'db'>, config: Config): Promise<RetentionReport> {
  const r = config.retention;
  const report: RetentionReport = {
    sessions: await purgeEndedSessions(app.db, r.sessionDays),
    invitations: await purgeEndedInvitations(app.db, r.invitationDays),
    tickets: await purgeTickets(app.db, r.ticketHours),
    throttleHits: await purgeThrottleHits(app.db, r.throttleHours * 3600),
    eventsArchived: 0,
    archivePurged: await purgeArchive(app.db, r.eventArchiveKeepDays),
  };
  for (let moved = ARCHIVE_BATCH; moved === ARCHIVE_BATCH;) {
    moved = await archiveEvents(app.db, { replayWindow: config.live.replayWindow, afterDays: r.eventArchiveAfterDays, batch: ARCHIVE_BATCH });
    report.eventsArchived += moved;
  }
  return report;
}

export default fp<{ config: Config }>(
  (app, { config }, done) => {
    const every = config.retention.intervalSeconds;
    if (every > 0) {
      let running: Promise<unknown> | null = null;
      const timer = setInterval(() => {
        if (running || app.isUnderPressure()) return;
        running = runRetention(app, config)
          .then((report) => app.log.info({ report }, 'retention round'))
          .catch((err: unknown) => app.log.warn({ err }, 'retention round failed'))
          .finally(() => (running = null));
      }, every * 1000);
      timer.unref();
      app.addHook('onClose', async () => {
        clearInterval(timer);
        await running;
      });
    }
    done();
  },
  { name: 'retention', dependencies: ['db', 'pressure'] },
);
