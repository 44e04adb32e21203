// The outbox worker and what it sends. Correct with several instances: a message is claimed with
// FOR UPDATE SKIP LOCKED and marked `sending` with a lease before it goes out, so no two instances
// take it; a failure puts it back with exponential backoff, and after `maxAttempts` it is `failed`.
// A claim whose instance died expires and the message is taken again (at-least-once only then).
// Each claim counts an attempt, and that count fences the marks: only the claim's holder marks it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import { badRequest } from '../../lib/errors.js';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from './notifications.categories.js';
import * as repo from './notifications.repo.js';
import { render, renderDigest, type Rendered } from './notifications.templates.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}
/** Sends one message or throws (nodemailer's transport in production, anything in tests). */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

export interface OutboxSettings {
  publicUrl: string;
  maxAttempts: number;
  retryBaseSeconds: number;
  leaseSeconds: number;
  batch: number;
}

// The signing key --------------------------------------------------------------------------------

let cachedKey: string | null = null;
async function key(db: Executor): Promise<string> {
  cachedKey ??= await repo.mailKey(db, randomBytes(32).toString('base64url'));
  return cachedKey;
}
const mac = (secret: string, userId: string, category: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${userId}:${category}`).digest('base64url').slice(0, 32);

export async function unsubscribeToken(db: Executor, userId: string, category: NotificationCategory): Promise<string> {
  return `${userId}.${category}.${mac(await key(db), userId, category)}`;
}

/** The person and category a signed unsubscribe token names; a tampered or malformed one is a 400. */
export async function verifyUnsubscribeToken(db: Executor, token: string): Promise<{ userId: string; category: NotificationCategory }> {
  const [userId, category, sig, ...rest] = token.split('.');
  const invalid = () => badRequest('INVALID_UNSUBSCRIBE_TOKEN', 'This unsubscribe link is not valid');
  if (rest.length || !userId || !category || !sig || !(NOTIFICATION_CATEGORIES as readonly string[]).includes(category)) throw invalid();
  const expected = Buffer.from(mac(await key(db), userId, category));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  return { userId, category: category as NotificationCategory };
}

// Rendering ------------------------------------------------------------------------------------

export async function renderRow(db: Executor, row: repo.OutboxRow, publicUrl: string): Promise<Rendered & { headers: Record<string, string> }> {
  const unsubscribeUrl =
    row.category && row.userId ? `${publicUrl}/api/notifications/unsubscribe?token=${await unsubscribeToken(db, row.userId, row.category)}` : undefined;
  const ctx = { language: row.language, timeZone: row.timeZone, publicUrl, unsubscribeUrl };
  const params = row.params as Record<string, unknown>;
  const rendered =
    row.kind === 'digest' ? renderDigest((params.items ?? []) as { kind: string; params: Record<string, unknown> }[], ctx) : render(row.kind, params, ctx);
  // The outbox id travels with the message: a relay or a test can tell a repeat from a new message.
  const headers: Record<string, string> = unsubscribeUrl
    ? { 'X-Outbox-Id': row.id, 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : { 'X-Outbox-Id': row.id };
  return { ...rendered, headers };
}

// The worker's passes ----------------------------------------------------------------------------

/** Gathers each person's due digest entries of one category into one queued message. */
export async function gatherDigests(db: Db, batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await repo.lockDueDigests(tx, batch);
    const groups = new Map<string, repo.OutboxRow[]>();
    for (const row of due) {
      const k = `${row.userId} ${row.category}`;
      groups.set(k, [...(groups.get(k) ?? []), row]);
    }
    const digests: repo.NewOutboxRow[] = [];
    for (const rows of groups.values()) {
      const first = rows[0]!;
      digests.push({
        userId: first.userId,
        toAddress: first.toAddress,
        language: first.language,
        timeZone: first.timeZone,
        kind: 'digest',
        category: first.category,
        params: { items: rows.map((r) => ({ kind: r.kind, params: r.params })) },
        status: 'queued',
      });
    }
    await repo.insertOutbox(tx, digests);
    await repo.markMerged(
      tx,
      due.map((r) => r.id),
    );
    return digests.length;
  });
}

/** Claims what is due and sends it; returns how many went out. */
export async function sendDue(db: Db, send: MailSender, s: OutboxSettings, log?: { warn: (o: object, m: string) => void }): Promise<number> {
  const claimed = await repo.claim(db, s.batch, s.leaseSeconds);
  let sent = 0;
  for (const row of claimed) {
    if (!(await repo.renewLease(db, row, s.leaseSeconds))) continue; // taken over while earlier ones were sent
    try {
      const mail = await renderRow(db, row, s.publicUrl);
      // The SMTP timeouts (outbox.plugin.ts) keep one send well inside the lease.
      await send({ to: row.toAddress, ...mail });
      if (await repo.markOutboxSent(db, row)) sent++;
      else log?.warn({ outboxId: row.id, attempts: row.attempts }, 'e-mail sent after its lease was taken over');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryIn = row.attempts >= s.maxAttempts ? null : Math.min(3600, s.retryBaseSeconds * 2 ** (row.attempts - 1));
      log?.warn({ outboxId: row.id, attempts: row.attempts, retryIn, err: message }, retryIn === null ? 'e-mail failed for good' : 'e-mail failed; will retry');
      await repo.markRetry(db, row, message.slice(0, 500), retryIn);
    }
  }
  return sent;
}

// The development mailbox ---------------------------------------------------------------------------

export async function listOutbox(db: Db, publicUrl: string, query: { status?: repo.OutboxRow['status'] | undefined; limit?: number | undefined }) {
  const rows = await repo.listOutboxRows(db, query.limit ?? 50, query.status);
  return Promise.all(
    rows.map(async (row) => {
      const mail = await renderRow(db, row, publicUrl);
      return {
        id: row.id,
        to: row.toAddress,
        language: row.language,
        kind: row.kind,
        category: row.category,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        sentAt: row.sentAt ? row.sentAt.toISOString() : null,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      };
    }),
  );
}

export { unsubscribeConfirmPage, unsubscribedPage } from './notifications.templates.js';
