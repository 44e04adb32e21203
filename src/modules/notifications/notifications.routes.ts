// The feed, delivery preferences, the one-click unsubscribe link and the development mailbox.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { notFound } from '../../lib/errors.js';
import { errors } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import * as s from './notifications.schemas.js';
import * as service from './notifications.service.js';
import * as outbox from './notifications.outbox.js';

const notificationsRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const tags = ['notifications'];

  app.get(
    '/api/feed',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: s.FeedQuery,
        response: { 200: s.FeedPage, ...errors(400, 401) },
      },
    },
    async (request) => service.feed(app.db, principalOf(request), request.query),
  );

  app.post(
    '/api/feed/read',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Mark notifications read (all when no ids are given)',
        body: s.FeedReadBody,
        response: { 200: Type.Object({ unread: Type.Integer() }, { additionalProperties: false }), ...errors(400, 401) },
      },
    },
    async (request) => service.markFeedRead(app.db, principalOf(request), request.body.ids),
  );

  app.get(
    '/api/me/notification-preferences',
    {
      onRequest: requireUser,
      schema: { tags, summary: 'How I am told, per category', response: { 200: s.Preferences, ...errors(401) } },
    },
    async (request) => service.preferences(app.db, principalOf(request).userId),
  );

  app.put(
    '/api/me/notification-preferences',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Change how I am told for some categories (in_app, immediate, digest at a local hour)',
        body: s.PreferencesBody,
        response: { 200: s.Preferences, ...errors(400, 401) },
      },
    },
    async (request) => service.setPreferences(app.db, principalOf(request), request.body),
  );

  // From an e-mail: GET opens a confirmation page and changes nothing (scanners and previews follow
  // links); POST unsubscribes: the page's button, or the RFC 8058 List-Unsubscribe-Post request mail
  // clients send (a form body, no cookie, no Origin). The token is signed: tampering is a 400.
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
  app.get(
    '/api/notifications/unsubscribe',
    {
      schema: {
        tags,
        summary: 'The page the signed link in each e-mail opens: asks before stopping e-mail for one category',
        querystring: s.UnsubscribeQuery,
        produces: ['text/html'],
        response: { 200: Type.String(), ...errors(400) },
      },
    },
    async (request, reply) => {
      const { userId, category } = await outbox.verifyUnsubscribeToken(app.db, request.query.token);
      return html(reply, outbox.unsubscribeConfirmPage(await service.languageOf(app.db, userId), category, request.query.token));
    },
  );
  const oneClickScope: FastifyPluginAsyncTypebox = async (oneClick) => {
    // The body only says "List-Unsubscribe=One-Click"; what to stop is in the signed token.
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data'])
      oneClick.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, undefined));
    oneClick.post(
      '/api/notifications/unsubscribe',
      {
        schema: {
          tags,
          summary: 'Stop e-mail for one category (the confirmation button; RFC 8058 one-click)',
          querystring: s.UnsubscribeQuery,
          produces: ['text/html'],
          response: { 200: Type.String(), ...errors(400) },
        },
      },
      async (request, reply) => {
        const { userId, category } = await outbox.verifyUnsubscribeToken(app.db, request.query.token);
        await service.unsubscribe(app.db, userId, category);
        return html(reply, outbox.unsubscribedPage(await service.languageOf(app.db, userId), category));
      },
    );
  };
  await app.register(oneClickScope);

  // The development mailbox exists only while mail stays in the outbox: with SMTP_URL set, messages
  // go to real people and are not for organizers to read.
  const devMailbox = !config.mail.smtpUrl;
  app.get(
    '/api/outbox/status',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary: 'Whether the development mailbox is on (off when SMTP_URL is set) (organizers)',
        response: { 200: Type.Object({ devMailbox: Type.Boolean() }, { additionalProperties: false }), ...errors(401, 403) },
      },
    },
    async () => ({ devMailbox }),
  );
  app.get(
    '/api/outbox',
    {
      onRequest: requireRole('organizer'),
      schema: {
        tags,
        summary: 'The outbox as a development mailbox: every message, rendered (organizers; off when SMTP_URL is set)',
        querystring: s.OutboxQuery,
        response: { 200: Type.Array(s.OutboxMessage), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!devMailbox) throw notFound('DEV_MAILBOX_OFF', 'The development mailbox is off: e-mail is sent through SMTP_URL');
      return outbox.listOutbox(app.db, config.publicUrl, request.query);
    },
  );
};

export default notificationsRoutes;
