// The one place that reads process.env. Everything else receives a typed Config.
import path from 'node:path';

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
  /** Sign-in attempts allowed per minute for one address and account. */
  signInRateLimit: number;
  /** Which X-Forwarded-For hops to believe: the TRUST_PROXY nearest ones (our own proxies), or none. */
  trustProxy: false | ((address: string, hop: number) => boolean);
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** How often each instance looks for action-item reminders to send; 0 turns the job off (tests). */
  reminderIntervalSeconds: number;
  live: LiveConfig;
  mail: MailConfig;
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
    problems.push(`${name}=${JSON.stringify(raw)} must be a URL (${protocols.join(' or ')})`);
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
    signInRateLimit: int('SIGN_IN_RATE_LIMIT', 10, 1, 10_000),
    trustProxy: hops('TRUST_PROXY'),
    reminderIntervalSeconds: int('REMINDER_INTERVAL_SECONDS', nodeEnv === 'test' ? 0 : 300, 0, 86_400),
    bodyLimit: int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    live: {
      replayWindow: int('LIVE_REPLAY_WINDOW', 1000, 1, 100_000),
      maxBufferedBytes: int('LIVE_MAX_BUFFERED_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      maxSocketsPerUser: int('LIVE_MAX_SOCKETS_PER_USER', 8, 1, 1000),
      maxSubscriptions: int('LIVE_MAX_SUBSCRIPTIONS', 64, 1, 10_000),
      rateBurst: int('LIVE_RATE_BURST', 60, 1, 100_000),
      ratePerSecond: int('LIVE_RATE_PER_SECOND', 20, 1, 100_000),
      pollMs: int('LIVE_POLL_MS', 5000, 50, 600_000),
      pingMs: int('LIVE_PING_MS', 30_000, 1000, 600_000),
      ticketTtlSeconds: int('LIVE_TICKET_TTL_SECONDS', 60, 1, 3600),
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
