// My notifications, shared by the header badge and the notifications page: loaded over HTTP, then
// kept current by following my own `user:<id>` stream on the shared live socket (every role).
import { signal } from '@preact/signals';
import { get, post } from './api.js';
import { live } from './live.js';

export interface Notice {
  id: string;
  type: string;
  issueId: string | null;
  data: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const unread = signal(0);
export const notices = signal<Notice[] | null>(null);

export async function loadNotices(): Promise<void> {
  const page = await get<{ items: Notice[]; unread: number }>('/api/feed?limit=50');
  notices.value = page.items;
  unread.value = page.unread;
}

export async function markRead(ids?: string[]): Promise<void> {
  const r = await post<{ unread: number }>('/api/feed/read', ids ? { ids } : {});
  unread.value = r.unread;
  const now = new Date().toISOString();
  notices.value = (notices.value ?? []).map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n));
}

/** Follows `user:<userId>` while signed in; returns the function that stops. */
export function followNotices(userId: string): () => void {
  return live.subscribe(`user:${userId}`, {
    // The stream has no snapshot: (re)load the feed over HTTP whenever the subscription starts over.
    snapshot: () => void loadNotices().catch(() => {}),
    event: (type, data) => {
      if (type !== 'feed.item') return;
      const item = { ...(data as Omit<Notice, 'readAt'>), link: (data as Notice).link ?? null, readAt: null };
      if (notices.value?.some((n) => n.id === item.id)) return;
      notices.value = [item, ...(notices.value ?? [])];
      unread.value++;
    },
  });
}

/** Whether the development mailbox (#/outbox) is on: organizers only, and off when the server sends through SMTP_URL. */
export const devMailbox = signal(false);
export function loadDevMailbox(): void {
  get<{ devMailbox: boolean }>('/api/outbox/status').then(
    (r) => (devMailbox.value = r.devMailbox),
    () => (devMailbox.value = false),
  );
}
