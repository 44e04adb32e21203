// The development mailbox (organizers): every e-mail in the outbox, rendered as it is (or would be)
// sent. Without SMTP_URL nothing leaves the outbox, so this is where invitations and notices are read.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { StateView, useLoad } from '../components/ui.js';
import { t, type MessageKey } from '../i18n/index.js';
import { formatInstant, viewerZone } from '../time.js';

interface Message {
  id: string;
  to: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  subject: string;
  text: string;
  html: string;
}

export function Outbox() {
  const outbox = useLoad(() => get<Message[]>('/api/outbox?limit=100'), []);
  const messages = outbox.data ?? [];
  const [open, setOpen] = useState<string | null>(null);
  return (
    <main>
      <h1>{t('outbox.title')}</h1>
      <p class="muted">{t('outbox.intro')}</p>
      {/* A refresh sends once at a time: the button waits for the list it asked for. */}
      <button onClick={() => void outbox.reload()} disabled={outbox.loading}>
        {t('outbox.refresh')}
      </button>
      <StateView loading={outbox.loading} error={outbox.error} onRetry={outbox.reload} empty={!messages.length} emptyText={t('outbox.empty')}>
        <ul class="plain" data-testid="outbox">
          {messages.map((m) => (
            <li class="card">
              <div>
                <span class="badge">{t(`outbox.status.${m.status}` as MessageKey)}</span> <strong>{m.subject}</strong>
              </div>
              <div class="muted">
                {t('outbox.to')}: {m.to} · {formatInstant(m.createdAt, viewerZone())}
                {m.lastError && ` · ${m.lastError}`}
              </div>
              <button class="link" onClick={() => setOpen(open === m.id ? null : m.id)}>
                {open === m.id ? t('outbox.hide') : t('outbox.show')}
              </button>
              {open === m.id && (
                <div class="mail-parts">
                  <h2 class="small">{t('outbox.textPart')}</h2>
                  <pre class="mail">{m.text}</pre>
                  <h2 class="small">{t('outbox.htmlPart')}</h2>
                  {/* A sandbox without scripts or our origin: the message's HTML is shown, never run. */}
                  <iframe class="mail" sandbox="" srcdoc={m.html} title={t('outbox.htmlPart')} data-testid="outbox-html" />
                </div>
              )}
            </li>
          ))}
        </ul>
      </StateView>
    </main>
  );
}
