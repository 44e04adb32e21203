// A real SMTP server in the test process (smtp-server): it receives what the outbox worker sends over
// SMTP and keeps each message parsed (mailparser). It can be stopped and started again on its port to
// play a relay that is down for a while.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** The header lines as received. */
  rawHeaders: string;
  outboxId: string;
}

export class TestMailServer {
  readonly messages: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  private create() {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            this.messages.push({
              to: to?.value[0]?.address ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headers: mail.headers,
              rawHeaders: mail.headerLines.map((h) => h.line.replace(/\r?\n\s+/g, ' ')).join('\n'),
              outboxId: (mail.headerLines.find((h) => h.key === 'x-outbox-id')?.line ?? '').replace(/^x-outbox-id:\s*/i, ''),
            });
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<void> {
    const server = this.create();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): Received[] {
    return this.messages.filter((m) => m.to === address);
  }
}

/** Polls until `check` returns true (or fails the wait after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
