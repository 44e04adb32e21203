import { ORGANIZER_OR_OFFICIAL } from '../../lib/principal.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { principalOf, requireRole, requireUser } from '../../plugins/auth.js';
import * as s from './translations.schemas.js';
import * as service from './translations.service.js';

const translationsRoutes: FastifyPluginAsyncTypebox = (app) => {
  const tags = ['translations'];

  app.get(
    '/api/translations/queue',
    {
      onRequest: requireRole(...ORGANIZER_OR_OFFICIAL),
      schema: {
        tags,
        summary: 'Texts lacking a current translation into a language readers use, most urgent first (organizers, officials)',
        querystring: s.QueueQuery,
        response: { 200: s.TranslationQueue, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.translationQueue(app.db, principalOf(request), request.query.language),
  );

  app.get(
    '/api/translations/:kind/:id',
    {
      schema: {
        tags,
        summary: "A text's original and its translations (for whoever may see the text)",
        params: s.TextParams,
        response: { 200: s.TextTranslations, ...errors(400, 404) },
      },
    },
    async (request) => service.listTranslations(app.db, request.principal, request.params.kind, request.params.id),
  );

  app.put(
    '/api/translations/:kind/:id/:language',
    {
      onRequest: requireUser,
      schema: {
        tags,
        summary: 'Add or replace the translation of a text into a language (organizers, officials; the author company for its own issue)',
        params: s.TargetParams,
        body: s.TranslationBody,
        response: { 200: s.TextTranslations, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.saveTranslation(
        app.db,
        principalOf(request),
        request.params.kind,
        request.params.id,
        request.params.language,
        request.body.fields,
        request.body.basedOn,
      ),
  );
  return Promise.resolve();
};

export default translationsRoutes;
