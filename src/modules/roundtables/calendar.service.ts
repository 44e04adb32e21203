// Calendar feeds: one .ics per round-table, and a personal feed at a secret URL (revocable by
// replacing or deleting its token) with the round-tables a user registered for or chairs.
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { text } from '../../lib/i18n.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { findUserById } from '../users/users.links.js';
import * as repo from './roundtables.repo.js';
import * as calendarRepo from './calendar.repo.js';
import * as registrationsRepo from './registrations.repo.js';
import { calendar } from './roundtables.ics.js';
import { loadVisible } from './roundtables.access.js';

const pageUrl = (publicUrl: string) => (id: string) => `${publicUrl}/#/round-tables/${id}`;

export async function roundTableCalendar(db: Db, viewer: Principal | null, id: string, publicUrl: string, lang: Language) {
  const rt = await loadVisible(db, viewer, id);
  if (rt.status === 'draft') throw notFound('ROUND_TABLE_NOT_FOUND', 'A draft has no calendar entry yet');
  const mine = viewer ? await registrationsRepo.activeRegistration(db, id, viewer.userId) : null;
  const entries = [{ rt, tentative: !!mine && mine.status !== 'confirmed' }];
  return calendar(text(lang, 'ics.calendarName'), entries, lang, pageUrl(publicUrl), new Date(), viewer?.timeZone ?? null);
}

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/calendar/${token}.ics`;

/** A new secret feed URL; any previous URL of this user stops working. */
export async function rotateFeed(db: Db, me: Principal, publicUrl: string) {
  const token = newToken();
  await calendarRepo.setFeedToken(db, me.userId, hashToken(token));
  return { url: feedUrl(publicUrl, token) };
}

export async function revokeFeed(db: Db, me: Principal) {
  if (!(await calendarRepo.deleteFeed(db, me.userId))) throw notFound('CALENDAR_FEED_NOT_FOUND', 'You have no calendar feed');
}

export async function personalCalendar(db: Db, token: string, publicUrl: string, lang?: Language) {
  const userId = await calendarRepo.feedOwner(db, hashToken(token));
  const user = userId ? await findUserById(db, userId) : null;
  if (!user || user.deactivatedAt) throw notFound('CALENDAR_FEED_NOT_FOUND', 'This calendar link is unknown or was revoked');
  const ids = new Set(await repo.myRoundTableIds(db, user.id));
  // Pending approval or waitlisted: a tentative entry, not a confirmed one (the chair's own are confirmed).
  const waiting = new Set((await registrationsRepo.myRegistrations(db, user.id)).filter((r) => r.status !== 'confirmed').map((r) => r.roundTableId));
  const entries = (await repo.listRoundTableRows(db))
    .filter((rt) => ids.has(rt.id) && rt.status !== 'draft')
    .map((rt) => ({ rt, tentative: waiting.has(rt.id) && rt.chairId !== user.id }));
  const language = lang ?? user.language;
  return calendar(text(language, 'ics.personalCalendar', { name: user.displayName }), entries, language, pageUrl(publicUrl), new Date(), user.timeZone);
}
