import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { chooseLanguage } from '../../lib/i18n.js';
import { CsvFile, errors, IdParams, Ok } from '../../lib/schemas.js';
import { readerLanguage } from '../../lib/reader-language.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import * as s from './issues.schemas.js';
import * as answers from './issues.answers.js';
import * as browse from './issues.browse.js';
import * as merging from './issues.merge.js';
import * as messages from './issues.messages.js';
import * as service from './issues.service.js';
import * as supports from './issues.supports.js';
import attachmentsRoutes from './attachments.routes.js';

const issuesRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['issues'];
  const officials = requireRole('official');
  const companies = requireRole('company_rep');
  await app.register(attachmentsRoutes, { config });
  // Per-user throttles (counters shared by every instance).
  const perUser = (name: string, max: number, windowSeconds: number) =>
    app.throttle(name, { max, windowSeconds, subject: (request) => request.principal?.userId ?? null });

  app.post(
    '/api/issues',
    {
      onRequest: companies,
      preHandler: perUser('issues:user', config.throttles.issuesPerHour, 3600),
      schema: {
        tags,
        summary: 'Save a draft issue, or submit it at once (company representatives)',
        body: s.CreateIssueBody,
        response: { 201: s.IssueDetail, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { submit, translations, ...input } = request.body;
      return reply.status(201).send(await service.createIssue(app.db, principalOf(request), input, submit ?? false, translations));
    },
  );

  app.get(
    '/api/issues/queue',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: "Officials' review queue: filters, sorting, keyset pagination",
        querystring: s.QueueQuery,
        response: { 200: s.IssuePage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { sort, cursor, limit, ...filters } = request.query;
      return browse.queue(
        app.db,
        principalOf(request),
        filters,
        { sort, cursor, limit },
        readerLanguage(request.headers['accept-language'], request.principal),
      );
    },
  );

  app.get(
    '/api/issues/queue.csv',
    {
      onRequest: officials,
      schema: { tags, summary: 'The review queue as CSV (officials)', querystring: s.ExportQuery, response: { 200: CsvFile, ...errors(400, 401, 403) } },
    },
    async (request, reply) => {
      const { lang, ...filters } = request.query;
      const language = chooseLanguage({ query: lang, acceptLanguage: request.headers['accept-language'], user: request.principal });
      const csv = await browse.exportCsv(app.db, principalOf(request), filters, language);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="issues.csv"').send(csv);
    },
  );

  app.get(
    '/api/issues/mine',
    {
      onRequest: companies,
      schema: { tags, summary: "My company's issues, drafts included", querystring: s.MineQuery, response: { 200: s.IssuePage, ...errors(400, 401, 403) } },
    },
    async (request) => browse.mine(app.db, principalOf(request), request.query, readerLanguage(request.headers['accept-language'], request.principal)),
  );

  app.get(
    '/api/issues/public',
    { schema: { tags, summary: 'Issues everyone may see (no sign-in needed)', querystring: s.PublicQuery, response: { 200: s.IssuePage, ...errors(400) } } },
    async (request) => {
      const { sort, cursor, limit, ...filters } = request.query;
      return browse.publicList(
        app.db,
        request.principal,
        filters,
        { sort, cursor, limit },
        readerLanguage(request.headers['accept-language'], request.principal),
      );
    },
  );

  app.get(
    '/api/issues/similar',
    {
      onRequest: requireUser,
      preHandler: perUser('similar:user', config.throttles.similarPerMinute, 60),
      schema: {
        tags,
        summary: 'Issues I may see that resemble this text (while typing)',
        querystring: s.SimilarQuery,
        response: { 200: s.SimilarList, ...errors(400, 401, 429) },
      },
    },
    async (request) => browse.similar(app.db, principalOf(request), request.query, readerLanguage(request.headers['accept-language'], request.principal)),
  );

  app.get(
    '/api/issues/answers/pending',
    { onRequest: officials, schema: { tags, summary: 'Answers held for release (officials)', response: { 200: s.PendingAnswers, ...errors(401, 403) } } },
    async () => answers.listPendingAnswers(app.db),
  );

  app.post(
    '/api/issues/answers/release',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Release pending answers together (all, or the given issues)',
        body: s.ReleaseBody,
        response: { 200: Type.Object({ released: Type.Array(Type.String()) }, { additionalProperties: false }), ...errors(400, 401, 403) },
      },
    },
    async (request) => answers.releaseAnswers(app.db, principalOf(request), request.body.issueIds),
  );

  app.get(
    '/api/issues/:id',
    { schema: { tags, summary: 'One issue, as this viewer may see it', params: IdParams, response: { 200: s.IssueDetail, ...errors(400, 404) } } },
    async (request) => service.getIssue(app.db, request.principal, request.params.id, readerLanguage(request.headers['accept-language'], request.principal)),
  );

  app.patch(
    '/api/issues/:id',
    {
      onRequest: companies,
      schema: {
        tags,
        summary: 'Edit until review starts (the author company); every edit is kept',
        params: IdParams,
        body: s.EditIssueBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.editIssue(app.db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/issues/:id/transitions',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Run a workflow command (submit, start_review, accept, decline, await_action, resolve, withdraw)',
        params: IdParams,
        body: s.TransitionBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { command, reason, answer } = request.body;
      return service.runCommand(app.db, principalOf(request), request.params.id, command, reason, answer);
    },
  );

  app.put(
    '/api/issues/:id/answer',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Write the official answer (held as pending with hold: true)',
        params: IdParams,
        body: s.AnswerBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => answers.setAnswer(app.db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/issues/:id/merge',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Merge this issue into a primary issue (officials)',
        params: IdParams,
        body: s.MergeBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => merging.merge(app.db, principalOf(request), request.params.id, request.body.primaryId, request.body.reason),
  );

  app.post(
    '/api/issues/:id/unmerge',
    {
      onRequest: officials,
      schema: {
        tags,
        summary: 'Take a merged issue out of its primary (officials)',
        params: IdParams,
        body: s.ReasonBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => merging.unmerge(app.db, principalOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/issues/:id/support',
    {
      onRequest: companies,
      schema: {
        tags,
        summary: 'Co-sign an issue (one support per company)',
        params: IdParams,
        body: s.SupportBody,
        response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => supports.support(app.db, principalOf(request), request.params.id, request.body.comment),
  );

  app.delete(
    '/api/issues/:id/support',
    {
      onRequest: companies,
      schema: { tags, summary: "Withdraw my company's support", params: IdParams, response: { 200: s.IssueDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) => supports.withdrawSupport(app.db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/issues/:id/messages',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Clarification thread (officials and the author company); reading changes nothing',
        params: IdParams,
        response: { 200: Type.Array(s.Message), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      messages.listMessages(app.db, principalOf(request), request.params.id, readerLanguage(request.headers['accept-language'], request.principal)),
  );

  app.post(
    '/api/issues/:id/messages/read',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: "Mark the other side's messages in the clarification thread read",
        params: IdParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => messages.markThreadRead(app.db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/issues/:id/messages',
    {
      onRequest: requireUser,
      preHandler: perUser('messages:user', config.throttles.messagesPerMinute, 60),
      schema: {
        tags,
        summary: 'Write in the clarification thread',
        params: IdParams,
        body: s.MessageBody,
        response: { 201: s.Message, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await messages.postMessage(app.db, principalOf(request), request.params.id, request.body.body, request.body.language)),
  );
};
export default issuesRoutes;
