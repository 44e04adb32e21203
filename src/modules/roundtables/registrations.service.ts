// Registration: capacity, a per-company seat limit, optional approval, and an ordered waitlist that is
// promoted automatically when a seat frees. Every decision about seats is taken while holding the
// round-table's row lock (SELECT ... FOR UPDATE), so two people racing for the last seat cannot both get it.
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../db/client.js';
import { csvStream } from '../../lib/csv.js';
import { conflict, forbidden, isUniqueViolation, notFound } from '../../lib/errors.js';
import { label, nameIn, text } from '../../lib/i18n.js';
import type { Language, Principal } from '../../lib/principal.js';
import { emitRoundTable, noticeOf, notifyUsers } from './roundtables.events.js';
import * as repo from './roundtables.repo.js';
import * as registrationsRepo from './registrations.repo.js';
import { loadForStaff, loadVisible } from './roundtables.access.js';

const REGISTRANT_ROLES = new Set(['attendee', 'company_rep']);

async function seatsEvent(tx: Tx, rt: repo.RoundTableRow, actorId: string | null, staffData: Record<string, unknown>) {
  const seats = await registrationsRepo.seatCounts(tx, rt.id);
  const audience = { roundTableId: rt.id, capacity: rt.capacity, seatsTaken: seats.taken, waitlisted: seats.waitlisted };
  await emitRoundTable(tx, rt, 'registration.changed', audience, { ...audience, ...staffData }, actorId);
}

export async function register(db: Db, actor: Principal, id: string, opts: { waitlist?: boolean } = {}) {
  if (!REGISTRANT_ROLES.has(actor.role)) throw forbidden('Attendees and company representatives register for round-tables', 'REGISTRATION_ROLE');
  try {
    return await db.transaction(async (tx) => {
      const rt = await loadVisible(tx, actor, id, { lock: true });
      if (rt.status !== 'scheduled') throw conflict('REGISTRATION_CLOSED', `Registration is closed: the round-table is ${rt.status}`, { status: rt.status });
      if (await registrationsRepo.activeRegistration(tx, id, actor.userId))
        throw conflict('ALREADY_REGISTERED', 'You are already registered or on the waitlist');
      const companyId = actor.organizationKind === 'company' ? actor.organizationId : null;
      if (companyId && (await registrationsRepo.companyActiveCount(tx, id, companyId)) >= rt.seatsPerCompany) {
        throw conflict('COMPANY_SEAT_LIMIT', `Your company already has ${rt.seatsPerCompany} registrations for this round-table`, {
          limit: rt.seatsPerCompany,
        });
      }
      const seats = await registrationsRepo.seatCounts(tx, id);
      let status: registrationsRepo.RegistrationStatus;
      if (seats.taken < rt.capacity && seats.waitlisted === 0) status = rt.requiresApproval ? 'pending' : 'confirmed';
      else if (opts.waitlist === false) throw conflict('ROUND_TABLE_FULL', 'No seat is left', { capacity: rt.capacity });
      else status = 'waitlisted';
      const reg = await registrationsRepo.insertRegistration(tx, { roundTableId: id, userId: actor.userId, organizationId: actor.organizationId, status });
      await seatsEvent(tx, rt, actor.userId, { registration: { id: reg.id, userId: actor.userId, displayName: actor.displayName, status } });
      await notifyUsers(tx, [actor.userId], 'registration.status', { ...noticeOf(rt), registrationId: reg.id, status }, actor.userId);
      return { id: reg.id, status: reg.status, roundTableId: id };
    });
  } catch (err) {
    // The same person registering twice at once: the partial unique index lets only one through.
    if (isUniqueViolation(err)) throw conflict('ALREADY_REGISTERED', 'You are already registered or on the waitlist');
    throw err;
  }
}

/** Fills free seats from the waitlist, first come first served. Call with the round-table row locked. */
export async function promoteWaitlist(tx: Tx, rt: repo.RoundTableRow, actorId: string | null): Promise<void> {
  for (;;) {
    const seats = await registrationsRepo.seatCounts(tx, rt.id);
    if (seats.taken >= rt.capacity) return;
    const next = await registrationsRepo.firstWaitlisted(tx, rt.id);
    if (!next) return;
    const status = rt.requiresApproval ? 'pending' : 'confirmed';
    await registrationsRepo.setRegistrationStatus(tx, next.id, status);
    await seatsEvent(tx, rt, actorId, { registration: { id: next.id, userId: next.userId, status, promoted: true } });
    await notifyUsers(tx, [next.userId], 'registration.status', { ...noticeOf(rt), registrationId: next.id, status, promoted: true }, actorId);
  }
}

export async function cancelMine(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    const rt = await loadVisible(tx, actor, id, { lock: true });
    const reg = await registrationsRepo.activeRegistration(tx, id, actor.userId);
    if (!reg) throw notFound('REGISTRATION_NOT_FOUND', 'You are not registered for this round-table');
    await registrationsRepo.setRegistrationStatus(tx, reg.id, 'cancelled');
    await seatsEvent(tx, rt, actor.userId, { registration: { id: reg.id, userId: actor.userId, status: 'cancelled' } });
    await notifyUsers(tx, [actor.userId], 'registration.status', { ...noticeOf(rt), registrationId: reg.id, status: 'cancelled' }, actor.userId);
    if (rt.status === 'scheduled') await promoteWaitlist(tx, rt, actor.userId);
    return { ok: true };
  });
}

/** Officials decide on a pending registration; a rejection frees the seat for the waitlist. */
export async function decideRegistration(db: Db, actor: Principal, id: string, registrationId: string, approve: boolean) {
  return db.transaction(async (tx) => {
    const rt = await loadForStaff(tx, actor, id, { lock: true });
    const reg = await registrationsRepo.findRegistration(tx, id, registrationId);
    if (!reg) throw notFound('REGISTRATION_NOT_FOUND', 'No such registration');
    if (reg.status !== 'pending') throw conflict('REGISTRATION_NOT_PENDING', `The registration is ${reg.status}, not pending`, { status: reg.status });
    const status = approve ? ('confirmed' as const) : ('rejected' as const);
    await registrationsRepo.setRegistrationStatus(tx, reg.id, status);
    await seatsEvent(tx, rt, actor.userId, { registration: { id: reg.id, userId: reg.userId, status } });
    await notifyUsers(tx, [reg.userId], 'registration.status', { ...noticeOf(rt), registrationId: reg.id, status }, actor.userId);
    if (!approve) await promoteWaitlist(tx, rt, actor.userId);
    return { id: reg.id, status, roundTableId: id };
  });
}

export async function listRegistrants(db: Db, actor: Principal, id: string) {
  await loadForStaff(db, actor, id);
  const rows = await registrationsRepo.listRegistrantRows(db, id);
  return rows.map(({ organizationNameJa, organizationNameZh, ...r }) => ({
    ...r,
    organization: r.organizationName === null ? null : { nameEn: r.organizationName, nameJa: organizationNameJa ?? '', nameZh: organizationNameZh ?? '' },
  }));
}

/** The registrants as a CSV stream (see lib/csv.ts for quoting and the formula defence). */
/** Headers, statuses and organization names are in `lang` (lib/i18n.ts); instants stay ISO UTC. */
export async function registrantsCsv(db: Db, actor: Principal, id: string, lang: Language = 'en'): Promise<Readable> {
  const rows = await listRegistrants(db, actor, id);
  const header = (['name', 'email', 'organization', 'status', 'registeredAt'] as const).map((k) => text(lang, `csv.registrants.${k}`));
  const orgName = (r: (typeof rows)[number]) => (r.organization ? nameIn(r.organization, lang) : null);
  return csvStream(
    header,
    rows.map((r) => [r.displayName, r.email, orgName(r), label(lang, 'rt.registration', r.status), r.createdAt]),
  );
}
