// Attachments are recognised by their content (magic bytes), never by name or declared type.
// They are stored in the database with the issue, so both drivers keep them and a failed upload
// (one bad file among several) writes nothing at all.
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { publishIssueChange } from './issues.notify.js';
import * as repo from './issues.repo.js';
import { EDITABLE_STATES } from './issues.state-machine.js';
import { canSeeIssue, viewerOf } from './issues.visibility.js';
import { issueNotFound } from './issues.workflow.js';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ACCEPTED = new Set(['application/pdf', 'image/png', 'image/jpeg', DOCX]);

/** The media type the bytes really are (file-type reads the magic bytes, and a ZIP's entries to tell a
 * Word document from any other archive), or null when it is not one we accept. */
export async function sniffMediaType(data: Buffer): Promise<string | null> {
  const found = await fileTypeFromBuffer(data);
  return found && ACCEPTED.has(found.mime) ? found.mime : null;
}

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'attachment';
}

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export async function addAttachments(db: Db, actor: Principal, issueId: string, files: UploadedFile[]) {
  if (!files.length) throw badRequest('NO_ATTACHMENT', 'Send at least one file');
  const checked: { filename: string; mediaType: string; data: Buffer }[] = [];
  for (const f of files) {
    if (!f.data.length) throw badRequest('ATTACHMENT_EMPTY', `${cleanFilename(f.filename)} is empty`, { filename: cleanFilename(f.filename) });
    if (f.data.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'ATTACHMENT_TOO_LARGE', 'Each file may be at most 5 MB', { maxMegabytes: 5 });
    const mediaType = await sniffMediaType(f.data);
    if (!mediaType) {
      throw new AppError(415, 'ATTACHMENT_TYPE_NOT_ALLOWED', `${cleanFilename(f.filename)} is not a PDF, PNG, JPEG or DOCX file`, {
        filename: cleanFilename(f.filename),
      });
    }
    checked.push({ filename: cleanFilename(f.filename), mediaType, data: f.data });
  }
  return db.transaction(async (tx) => {
    const issue = await repo.lockIssue(tx, issueId);
    if (!issue || !canSeeIssue(viewerOf(actor), issue)) throw issueNotFound();
    if (actor.organizationId !== issue.companyId) throw forbidden('Only the author company can attach files', 'NOT_AUTHOR');
    if (!EDITABLE_STATES.includes(issue.state)) throw conflict('ISSUE_NOT_EDITABLE', 'Files can be attached only until review starts');
    const existing = await repo.countAttachments(tx, issueId);
    if (existing + checked.length > MAX_ATTACHMENTS) {
      throw conflict('TOO_MANY_ATTACHMENTS', `An issue can have at most ${MAX_ATTACHMENTS} attachments`, { existing, max: MAX_ATTACHMENTS });
    }
    const rows = await repo.insertAttachments(
      tx,
      checked.map((f) => ({ issueId, filename: f.filename, mediaType: f.mediaType, size: f.data.length, content: f.data, uploadedBy: actor.userId })),
    );
    await repo.insertHistory(tx, { issueId, kind: 'attachments_added', actorId: actor.userId, previous: { files: rows.map((r) => r.filename) } });
    await publishIssueChange(tx, issue, issue, {
      type: 'issue.attachments',
      actorId: actor.userId,
      feed: false,
      sharedData: { attachments: rows.length + existing },
    });
    return rows;
  });
}

export async function getAttachment(db: Db, actor: Principal | null, issueId: string, attachmentId: string) {
  const issue = await repo.findIssue(db, issueId);
  if (!issue || !canSeeIssue(viewerOf(actor), issue)) throw issueNotFound();
  const file = await repo.findAttachment(db, issueId, attachmentId);
  if (!file) throw notFound('ATTACHMENT_NOT_FOUND', 'No such attachment');
  return file;
}

export async function removeAttachment(db: Db, actor: Principal, issueId: string, attachmentId: string) {
  await db.transaction(async (tx) => {
    const issue = await repo.lockIssue(tx, issueId);
    if (!issue || !canSeeIssue(viewerOf(actor), issue)) throw issueNotFound();
    if (actor.organizationId !== issue.companyId) throw forbidden('Only the author company can remove files', 'NOT_AUTHOR');
    if (!EDITABLE_STATES.includes(issue.state)) throw conflict('ISSUE_NOT_EDITABLE', 'Files can be removed only until review starts');
    const file = await repo.findAttachment(tx, issueId, attachmentId);
    if (!file || !(await repo.deleteAttachment(tx, issueId, attachmentId))) throw notFound('ATTACHMENT_NOT_FOUND', 'No such attachment');
    await repo.insertHistory(tx, { issueId, kind: 'attachment_removed', actorId: actor.userId, previous: { files: [file.filename] } });
    await publishIssueChange(tx, issue, issue, { type: 'issue.attachments', actorId: actor.userId, feed: false });
  });
  return { ok: true };
}
