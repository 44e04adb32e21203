// The one place that reads process.env. Everything else receives a typed Config.
import path from 'node:path';
import type { ScryptCost } from './lib/passwords.js';
import { redactUrl } from './lib/redact.js';

export type SeedMode = 'auto' | 'always' | 'never';
export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  host: string;
  port: number;
  /** Absent: embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Exact origins allowed for cookie-authenticated writes and WebSocket upgrades. */
  webOrigins: string[];
  /** Base URL used in links the service hands out (invitations, calendar feeds). */
  publicUrl: string;
  logLevel: string;
  /** auto: seed the embedded database on its first start only; always: every start (idempotent); never. */
  seedDemo: SeedMode;
  cookieSecure: boolean;
  sessionTtlHours: number;
  invitationTtlHours: number;
  /** Sign-in attempts allowed per minute for one account (whatever the address), all instances together. */
  signInRateLimit: number;
  /** Sign-in attempts allowed per minute from one client address (whatever the account), all instances together. */
  signInAddressRateLimit: number;
  /** Per-user throttles of writes and costly reads (counters in PostgreSQL: they hold across instances). */
  throttles: ThrottleConfig;
  /** Which X-Forwarded-For hops to believe: the TRUST_PROXY nearest ones (our own proxies), or none. */
  trustProxy: false | ((address: string, hop: number) => boolean);
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** No request takes longer: past it the answer is 503 REQUEST_TIMEOUT (0: no deadline). */
  requestTimeoutMs: number;
  /** scrypt parameters of new password hashes; a stored hash made with others is replaced at sign-in. */
  passwordCost: ScryptCost;
  /** How often each instance looks for action-item reminders to send; 0 turns the job off (tests). */
  reminderIntervalSeconds: number;
  live: LiveConfig;
  database: DatabaseConfig;
  pressure: PressureConfig;
  retention: RetentionConfig;
  mail: MailConfig;
}

/** What the retention job (every instance, every `intervalSeconds`; 0: off) deletes or archives. */
export interface RetentionConfig {
  intervalSeconds: number;
  /** Sessions are deleted this long after they expired or were revoked. */
  sessionDays: number;
  /** Invitations never accepted are deleted this long after they expired or were revoked. */
  invitationDays: number;
  /** Live tickets are deleted this long after they were used or expired. */
  ticketHours: number;
  /** Throttle counters are deleted this long after their window began (at least the longest window, an hour). */
  throttleHours: number;
  /** Events outside the replay window move to events_archive once this old. */
  eventArchiveAfterDays: number;
  /** Archived events are deleted once this old; 0 keeps them for ever (the audit trail). */
  eventArchiveKeepDays: number;
}

/** When the instance sheds load (503 OVERLOADED) and its background jobs skip a round; 0 turns a check off. */
export interface PressureConfig {
  maxEventLoopDelayMs: number;
  /** 0: 90 % of V8's heap limit. */
  maxHeapUsedMb: number;
  maxRssMb: number;
  sampleIntervalMs: number;
}

/** How the app treats the PostgreSQL server going away (the embedded database cannot). */
export interface DatabaseConfig {
  /** Connections in the pool of one instance. */
  poolMax: number;
  /** Give up opening a connection after this long: requests then fail with 503 instead of hanging. */
  connectTimeoutSeconds: number;
  /** Longest pause between reconnection attempts (the driver's default backoff grows to 20 s). */
  maxBackoffSeconds: number;
  /** `/readyz` answers within this time, whatever the database does. */
  readyTimeoutMs: number;
  /** The Retry-After (seconds) sent with every 503. */
  retryAfterSeconds: number;
}

/** Hits allowed per user (per address for anonymous routes) and window; every instance counts in one table. */
export interface ThrottleConfig {
  /** Issues created (drafts and submissions) per user per hour. */
  issuesPerHour: number;
  /** Clarification-thread messages per user per minute. */
  messagesPerMinute: number;
  /** Attachment uploads per user per hour. */
  uploadsPerHour: number;
  /** Similar-issue queries (typed while writing) per user per minute. */
  similarPerMinute: number;
  /** Invitations sent per user per hour. */
  invitationsPerHour: number;
  /** Invitation-link accept attempts per client address per minute. */
  acceptPerMinute: number;
  /** Password-reset requests per address per hour and per account per hour (when the routes exist). */
  passwordResetPerHour: number;
}

/** E-mail: the outbox worker and account mail (src/modules/notifications). */
export interface MailConfig {
  /** smtp:// or smtps:// URL of the relay; absent: messages stay in the outbox (development mailbox). */
  smtpUrl: string | undefined;
  from: string;
  /** How often each instance looks at the outbox; 0 turns the worker off. */
  outboxIntervalMs: number;
  /** Tries before a message is `failed`. */
  maxAttempts: number;
  /** First retry after this many seconds, doubling each time (at most an hour). */
  retryBaseSeconds: number;
  /** Lifetime of a password-reset link. */
  passwordResetTtlMinutes: number;
}

/** Limits and timings of the WebSocket endpoint (src/live). */
export interface LiveConfig {
  /** Events a resuming client may be behind and still get them one by one; further behind gets a snapshot. */
  replayWindow: number;
  /** Bytes queued on one socket before it is closed with "resync needed" instead of buffering more. */
  maxBufferedBytes: number;
  /** Open sockets per user (per app instance). */
  maxSocketsPerUser: number;
  /** Open sockets of one instance in all; past it new sockets are refused (OVERLOADED, close 1013). */
  maxSockets: number;
  /** Open anonymous (signed-out) sockets per client address, per instance. */
  maxAnonymousSocketsPerAddress: number;
  /** Subscriptions per socket. */
  maxSubscriptions: number;
  /** Per-socket command rate: a token bucket of `rateBurst` commands refilled at `ratePerSecond`. */
  rateBurst: number;
  ratePerSecond: number;
  /** Safety poll for events whose NOTIFY was lost, in milliseconds. */
  pollMs: number;
  /** WebSocket ping interval; a socket that did not answer the previous ping is dropped. */
  pingMs: number;
  /** Lifetime of a single-use connection ticket. */
  ticketTtlSeconds: number;
  /** Advice in retryable error frames (database unavailable, overloaded): resend after this long. */
  retryAfterMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}=${JSON.stringify(raw)} must be one of: ${allowed.join(', ')}`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer between ${min} and ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
    return fallback;
  };
  // TRUST_PROXY is the number of reverse proxies in front of the app (1 behind the compose nginx): the client
  // is the address that many hops out. `true` would trust whatever X-Forwarded-For a client sends (anyone could
  // pick the address rate limits count) and is refused. Fastify 5 ignores a plain number (it cannot check the
  // peer), so the hop rule is a function; it is safe only where the app port is reachable through the proxy alone.
  const hops = (name: string): Config['trustProxy'] => {
    const raw = env[name];
    if (raw === undefined || ['', '0', 'false', 'no'].includes(raw)) return false;
    if (raw === 'true' || raw === 'yes') {
      problems.push(`${name}=${JSON.stringify(raw)}: set the number of reverse proxies in front of the app (e.g. 1), not true`);
      return false;
    }
    const n = int(name, 0, 1, 10);
    return n ? (_address, hop) => hop < n : false;
  };
  const url = (name: string, raw: string, protocols: string[]): string | undefined => {
    try {
      const u = new URL(raw);
      if (protocols.includes(u.protocol)) return raw;
    } catch {
      /* reported below */
    }
    problems.push(`${name}=${JSON.stringify(redactUrl(raw))} must be a URL (${protocols.join(' or ')})`);
    return undefined;
  };

  const nodeEnv = oneOf<Environment>('NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL ? url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined;
  const dataDir = env.DATA_DIR === 'memory://' ? 'memory://' : path.resolve(env.DATA_DIR || 'data');
  const publicUrl = (env.PUBLIC_URL ? url('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']) : undefined) ?? `http://localhost:${port}`;

  const webOrigins = (env.WEB_ORIGINS ? env.WEB_ORIGINS.split(',') : [publicUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`])
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      try {
        const u = new URL(o);
        if (u.origin === o.replace(/\/$/, '')) return u.origin;
      } catch {
        /* reported below */
      }
      problems.push(`WEB_ORIGINS entry ${JSON.stringify(o)} must be an origin such as https://roundtable.example.org`);
      return '';
    });

  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info');
  const seedDemo = oneOf<SeedMode>('SEED_DEMO', ['auto', 'always', 'never'], 'auto');

  const config: Config = {
    env: nodeEnv,
    host,
    port,
    databaseUrl,
    dataDir,
    webOrigins: [...new Set(webOrigins.filter(Boolean))],
    publicUrl: publicUrl.replace(/\/$/, ''),
    logLevel,
    seedDemo,
    cookieSecure: bool('COOKIE_SECURE', nodeEnv === 'production'),
    sessionTtlHours: int('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    invitationTtlHours: int('INVITATION_TTL_HOURS', 24 * 7, 1, 24 * 90),
    signInRateLimit: int('SIGN_IN_RATE_LIMIT', 10, 1, 100_000),
    signInAddressRateLimit: int('SIGN_IN_ADDRESS_RATE_LIMIT', 30, 1, 100_000),
    throttles: {
      issuesPerHour: int('THROTTLE_ISSUES_PER_HOUR', 30, 1, 1_000_000),
      messagesPerMinute: int('THROTTLE_MESSAGES_PER_MINUTE', 20, 1, 1_000_000),
      uploadsPerHour: int('THROTTLE_UPLOADS_PER_HOUR', 60, 1, 1_000_000),
      similarPerMinute: int('THROTTLE_SIMILAR_PER_MINUTE', 60, 1, 1_000_000),
      invitationsPerHour: int('THROTTLE_INVITATIONS_PER_HOUR', 60, 1, 1_000_000),
      acceptPerMinute: int('THROTTLE_ACCEPT_PER_MINUTE', 10, 1, 1_000_000),
      passwordResetPerHour: int('THROTTLE_PASSWORD_RESET_PER_HOUR', 5, 1, 1_000_000),
    },
    trustProxy: hops('TRUST_PROXY'),
    reminderIntervalSeconds: int('REMINDER_INTERVAL_SECONDS', nodeEnv === 'test' ? 0 : 300, 0, 86_400),
    passwordCost: { N: 2 ** int('PASSWORD_SCRYPT_LOG_N', 17, 10, 20), r: 8, p: 1 },
    bodyLimit: int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 0, 3_600_000),
    live: {
      replayWindow: int('LIVE_REPLAY_WINDOW', 1000, 1, 100_000),
      maxBufferedBytes: int('LIVE_MAX_BUFFERED_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      maxSocketsPerUser: int('LIVE_MAX_SOCKETS_PER_USER', 8, 1, 1000),
      maxSockets: int('LIVE_MAX_SOCKETS', 20_000, 1, 1_000_000),
      maxAnonymousSocketsPerAddress: int('LIVE_MAX_ANONYMOUS_PER_ADDRESS', 20, 1, 1_000_000),
      maxSubscriptions: int('LIVE_MAX_SUBSCRIPTIONS', 64, 1, 10_000),
      rateBurst: int('LIVE_RATE_BURST', 60, 1, 100_000),
      ratePerSecond: int('LIVE_RATE_PER_SECOND', 20, 1, 100_000),
      pollMs: int('LIVE_POLL_MS', 5000, 50, 600_000),
      pingMs: int('LIVE_PING_MS', 30_000, 1000, 600_000),
      ticketTtlSeconds: int('LIVE_TICKET_TTL_SECONDS', 60, 1, 3600),
      retryAfterMs: int('LIVE_RETRY_AFTER_MS', 2000, 100, 600_000),
    },
    retention: {
      intervalSeconds: int('RETENTION_INTERVAL_SECONDS', nodeEnv === 'test' ? 0 : 3600, 0, 7 * 86_400),
      sessionDays: int('SESSION_RETENTION_DAYS', 30, 0, 3650),
      invitationDays: int('INVITATION_RETENTION_DAYS', 30, 0, 3650),
      ticketHours: int('TICKET_RETENTION_HOURS', 1, 0, 24 * 365),
      // Not below the longest throttle window: a counter deleted mid-window would forget its hits.
      throttleHours: int('THROTTLE_RETENTION_HOURS', 24, 1, 24 * 365),
      eventArchiveAfterDays: int('EVENT_ARCHIVE_AFTER_DAYS', 30, 0, 3650),
      eventArchiveKeepDays: int('EVENT_ARCHIVE_KEEP_DAYS', 0, 0, 36_500),
    },
    pressure: {
      maxEventLoopDelayMs: int('PRESSURE_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 600_000),
      maxHeapUsedMb: int('PRESSURE_MAX_HEAP_MB', 0, 0, 1_000_000),
      maxRssMb: int('PRESSURE_MAX_RSS_MB', 0, 0, 1_000_000),
      sampleIntervalMs: int('PRESSURE_SAMPLE_INTERVAL_MS', 1000, 10, 60_000),
    },
    database: {
      poolMax: int('DB_POOL_MAX', 10, 1, 1000),
      connectTimeoutSeconds: int('DB_CONNECT_TIMEOUT_SECONDS', 3, 1, 120),
      maxBackoffSeconds: int('DB_MAX_BACKOFF_SECONDS', 1, 1, 60),
      readyTimeoutMs: int('READY_TIMEOUT_MS', 800, 50, 60_000),
      retryAfterSeconds: int('RETRY_AFTER_SECONDS', 5, 1, 3600),
    },
    mail: {
      smtpUrl: env.SMTP_URL ? url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
      from: env.MAIL_FROM || 'Roundtable <no-reply@roundtable.invalid>',
      outboxIntervalMs: int('OUTBOX_INTERVAL_MS', nodeEnv === 'test' ? 0 : 5000, 0, 3_600_000),
      maxAttempts: int('OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseSeconds: int('OUTBOX_RETRY_BASE_SECONDS', 30, 1, 86_400),
      passwordResetTtlMinutes: int('PASSWORD_RESET_TTL_MINUTES', 60, 5, 24 * 60),
    },
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
