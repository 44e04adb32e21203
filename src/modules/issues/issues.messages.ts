// The clarification thread between officials and the author company of an issue.
import type { Db, Executor } from '../../db/client.js';
import { conflict, forbidden } from '../../lib/errors.js';
import type { Language, Principal } from '../../lib/principal.js';
import { translationsFor } from '../translations/translations.links.js';
import { messageOriginal } from './issues.translatable.js';
import { visibleIssue } from './issues.lookup.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import { isAuthorCompany, viewerOf } from './issues.visibility.js';

async function threadIssue(tx: Executor, actor: Principal, id: string, lock = false) {
  const issue = await visibleIssue(tx, actor, id, lock);
  const viewer = viewerOf(actor);
  if (viewer.kind !== 'official' && !isAuthorCompany(viewer, issue))
    throw forbidden('Only officials and the author company take part in the clarification thread', 'NOT_IN_THREAD');
  return issue;
}

/** The thread. Reading changes nothing: a GET can be sent cross-site by a top-level navigation. */
export async function listMessages(db: Db, actor: Principal, id: string, language: Language | null = actor.language) {
  await threadIssue(db, actor, id);
  const rows = await repo.messagesOf(db, id);
  const translated = await translationsFor(
    db,
    rows.map((m) => messageOriginal({ ...m, issueId: id })),
    language,
  );
  return rows.map((m) => ({ ...m, translation: translated.get(m.id) ?? null }));
}

/** Marks the other side's messages read (its own POST, under the same-origin check of every write). */
export async function markThreadRead(db: Db, actor: Principal, id: string) {
  return db.transaction(async (tx) => {
    await threadIssue(tx, actor, id);
    await repo.markMessagesRead(tx, id, actor.role !== 'official');
    return { ok: true };
  });
}

export async function postMessage(db: Db, actor: Principal, id: string, body: string, language: Language = actor.language) {
  return db.transaction(async (tx) => {
    const issue = await threadIssue(tx, actor, id, true);
    if (issue.state === 'draft') throw conflict('ISSUE_NOT_SUBMITTED', 'Submit the issue before starting a clarification thread');
    const fromOfficials = actor.role === 'official';
    const message = await repo.insertMessage(tx, { issueId: id, authorId: actor.userId, fromOfficials, body: body.trim(), language });
    await publishIssueChange(tx, issue, issue, {
      type: 'issue.message',
      actorId: actor.userId,
      private: true,
      toSupporters: false,
      privateData: { messageId: message.id, fromOfficials, body: message.body },
    });
    return { ...message, authorName: actor.displayName, translation: null };
  });
}
