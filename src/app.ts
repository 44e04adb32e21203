// Builds the Fastify instance: infrastructure plugins first, then the domain modules, in an explicit order.
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import authPlugin from './plugins/auth.js';
import dbPlugin from './plugins/db.js';
import docsPlugin from './plugins/docs.js';
import errorsPlugin from './plugins/errors.js';
import livePlugin from './plugins/live.js';
import pressurePlugin from './plugins/pressure.js';
import retentionPlugin from './plugins/retention.js';
import securityPlugin from './plugins/security.js';
import throttlePlugin from './plugins/throttle.js';
import webPlugin from './plugins/web.js';
import authRoutes from './modules/auth/auth.routes.js';
import healthRoutes from './modules/health/health.routes.js';
import invitationsRoutes from './modules/invitations/invitations.routes.js';
import organizationsRoutes from './modules/organizations/organizations.routes.js';
import usersRoutes from './modules/users/users.routes.js';
import issuesRoutes from './modules/issues/issues.routes.js';
import roundTablesRoutes from './modules/roundtables/roundtables.routes.js';
import liveRoutes from './modules/live/live.routes.js';
import liveSessionRoutes from './modules/live-session/session.routes.js';
import outcomesRoutes from './modules/outcomes/outcomes.routes.js';
import translationsRoutes from './modules/translations/translations.routes.js';
import remindersPlugin from './modules/outcomes/reminders.plugin.js';
import notificationsRoutes from './modules/notifications/notifications.routes.js';
import outboxPlugin, { type OutboxPluginOptions } from './modules/notifications/outbox.plugin.js';
import { registerAuthLive } from './modules/auth/auth.live.js';
import { registerIssuesLive } from './modules/issues/issues.live.js';
import { registerRoundTablesLive } from './modules/roundtables/roundtables.live.js';
import { registerLiveSessionLive } from './modules/live-session/session.live.js';

/** Each module plugs its streams, snapshots and session lookup into the live layer (which knows no module). */
function registerLiveParts(): void {
  registerAuthLive();
  registerIssuesLive();
  registerRoundTablesLive();
  registerLiveSessionLive();
}

export interface BuildOptions {
  config: Config;
  /** Use this open, migrated database instead of opening one (tests). */
  database?: Database;
  logger?: FastifyServerOptions['logger'];
  /** Tests: send the outbox's mail with this instead of SMTP. */
  mailSender?: OutboxPluginOptions['sender'];
}

export async function buildApp({ config, database, logger, mailSender }: BuildOptions) {
  registerLiveParts();
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    // Requests arriving while closing get the documented error shape from the errors plugin.
    return503OnClosing: false,
    // Opening the embedded database, migrating and seeding can take a while on a small machine.
    pluginTimeout: 120_000,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin, { config });
  await app.register(pressurePlugin, { config });
  await app.register(dbPlugin, { config, ...(database ? { database } : {}) });
  await app.register(securityPlugin);
  await app.register(throttlePlugin);
  await app.register(retentionPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(docsPlugin);
  await app.register(livePlugin, { config });

  await app.register(healthRoutes, { config });
  await app.register(authRoutes, { config });
  await app.register(usersRoutes);
  await app.register(organizationsRoutes);
  await app.register(invitationsRoutes, { config });
  await app.register(issuesRoutes, { config });
  await app.register(roundTablesRoutes, { config });
  await app.register(liveRoutes, { config });
  await app.register(liveSessionRoutes);
  await app.register(outcomesRoutes);
  await app.register(translationsRoutes);
  await app.register(remindersPlugin, { intervalSeconds: config.reminderIntervalSeconds, busy: () => app.isUnderPressure() });
  await app.register(notificationsRoutes, { config });
  await app.register(outboxPlugin, {
    intervalMs: config.mail.outboxIntervalMs,
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    publicUrl: config.publicUrl,
    maxAttempts: config.mail.maxAttempts,
    retryBaseSeconds: config.mail.retryBaseSeconds,
    leaseSeconds: 120,
    batch: 50,
    busy: () => app.isUnderPressure(),
    ...(mailSender ? { sender: mailSender } : {}),
  });

  await app.register(webPlugin);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
