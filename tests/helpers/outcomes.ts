// Helpers for outcome tests: a round-table held through the API (created, published, an issue slot
// released, live session started and ended so its issues are discussed).
import type { Client } from './app.js';
import { createRoundTable } from '../../src/modules/roundtables/roundtables.service.js';
import type { Principal } from '../../src/lib/principal.js';

let day = 0;

export interface Held {
  id: string;
  slotId: string;
}

export async function heldRoundTable(
  official: Client,
  issueIds: string[],
  opts: { timeZone?: string; start?: string; end?: string; audience?: 'public' | 'registered'; pledgeDays?: number } = {},
): Promise<Held> {
  day += 1;
  const date = `2026-0${1 + (day % 9)}-${String(1 + (day % 27)).padStart(2, '0')}`;
  const ok = (res: { statusCode: number; body: string }, what: string, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body);
  };
  // Held round-tables lie in the past, which the API refuses for new ones: recorded through the
  // service as the demo seed records its July round-table.
  const me = ok(await official.get('/api/me'), 'me').user;
  const principal: Principal = {
    userId: me.id,
    sessionId: '',
    email: me.email,
    displayName: me.displayName,
    role: me.role,
    organizationId: me.organizationId,
    organizationKind: 'government',
    language: me.language,
    timeZone: me.timeZone,
  };
  const rt = await createRoundTable(
    official.app.db,
    principal,
    {
      titleEn: `Outcomes test round-table ${day}`,
      start: opts.start ?? `${date}T09:00`,
      end: opts.end ?? `${date}T${String(9 + (day % 10) + 1).padStart(2, '0')}:00`,
      capacity: 20,
      onlineUrl: 'https://meet.example/outcomes',
      timeZone: opts.timeZone ?? 'Asia/Shanghai',
      audience: opts.audience ?? 'public',
      ...(opts.pledgeDays ? { pledgeDays: opts.pledgeDays } : {}),
    },
    { historical: true },
  );
  ok(await official.post(`/api/round-tables/${rt.id}/publish`), 'publish');
  const draft = ok(
    await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
      version: 0,
      items: [{ kind: 'issue', titleEn: 'Issues raised by companies', plannedMinutes: 30, issueIds }],
    }),
    'agenda',
  );
  ok(await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: draft.version }), 'release', 201);
  ok(await official.post(`/api/round-tables/${rt.id}/live/start`), 'start');
  ok(await official.post(`/api/round-tables/${rt.id}/live/end`), 'end');
  return { id: rt.id, slotId: draft.items[0].id };
}
