// Attachment upload (multipart, parsed fully before anything is written), download and removal.
// Registered inside the issues plugin so the multipart parser exists only here.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { errors, IdParams, Ok, Uuid } from '../../lib/schemas.js';
import { principalOf, requireRole } from '../../plugins/auth.js';
import * as attachments from './issues.attachments.js';
import { Attachment } from './issues.schemas.js';

const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });

/**
 * What a failed multipart read means for the client. Everything thrown while reading the parts comes
 * from the request body (the parser itself, or the stream it reads), so anything not named here is
 * a malformed upload: no boundary, a boundary over 256 characters, a truncated body, a stream that
 * closed early.
 */
const fieldsNotAllowed = () => new AppError(400, 'ATTACHMENT_FIELDS_NOT_ALLOWED', 'Send only files');

function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'ATTACHMENT_TOO_LARGE', 'Each file may be at most 5 MB', { maxMegabytes: 5 });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError(409, 'TOO_MANY_ATTACHMENTS', 'An issue can have at most 5 attachments', { max: 5 });
  if (code === 'FST_FIELDS_LIMIT') return fieldsNotAllowed();
  return new AppError(400, 'ATTACHMENT_MALFORMED', 'The upload is not a complete multipart/form-data body with a boundary of at most 256 characters');
}

const attachmentsRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  await app.register(multipart, {
    // One field is let through to the handler (which refuses it by name): with no field allowed at
    // all, the parser's own error races the stream closing and comes out as "Premature close".
    limits: { fileSize: attachments.MAX_ATTACHMENT_BYTES, files: attachments.MAX_ATTACHMENTS, fields: 1, parts: attachments.MAX_ATTACHMENTS + 1 },
  });
  const tags = ['issues'];

  app.post(
    '/api/issues/:id/attachments',
    {
      onRequest: requireRole('company_rep'),
      // Counted before the body is read: a throttled upload is refused without buffering it.
      preHandler: app.throttle('uploads:user', {
        max: config.throttles.uploadsPerHour,
        windowSeconds: 3600,
        subject: (request) => request.principal?.userId ?? null,
      }),
      schema: {
        tags,
        summary: 'Attach files (multipart, field "file"; PDF, PNG, JPEG or DOCX by content; 5 MB each, 5 per issue)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Type.Array(Attachment), ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'ATTACHMENT_NOT_MULTIPART', 'Send files as multipart/form-data');
      const files: attachments.UploadedFile[] = [];
      try {
        for await (const part of request.parts()) {
          if (part.type !== 'file') throw fieldsNotAllowed();
          files.push({ filename: part.filename, data: await part.toBuffer() });
        }
      } catch (err) {
        throw uploadError(err);
      }
      return reply.status(201).send(await attachments.addAttachments(app.db, principalOf(request), request.params.id, files));
    },
  );

  app.get(
    '/api/issues/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment of an issue I may see',
        params: AttachmentParams,
        response: { 200: Type.Unknown(), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const file = await attachments.getAttachment(app.db, request.principal, request.params.id, request.params.attachmentId);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  app.delete(
    '/api/issues/:id/attachments/:attachmentId',
    {
      onRequest: requireRole('company_rep'),
      schema: {
        tags,
        summary: 'Remove an attachment (the author company, until review starts)',
        params: AttachmentParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => attachments.removeAttachment(app.db, principalOf(request), request.params.id, request.params.attachmentId),
  );
};
export default attachmentsRoutes;
