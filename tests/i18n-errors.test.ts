// Every error code the server declares (src/lib/error-codes.ts; AppError takes no other) has a message in
// en, ja and zh, and each message names only detail fields the server sends for that code.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../src/lib/error-codes.js';
import { AppError, toErrorBody } from '../src/lib/errors.js';

const dir = new URL('../web/src/i18n/', import.meta.url).pathname;
const dicts = Object.fromEntries(['en', 'ja', 'zh'].map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>]));

t.test('every declared error code has error.<CODE> in en, ja and zh', async (t) => {
  const codes = Object.keys(ERROR_CODES);
  t.ok(codes.length > 100, 'the catalog lists the codes');
  for (const lang of ['en', 'ja', 'zh']) {
    t.same(
      codes.filter((c) => !dicts[lang]![`error.${c}`]),
      [],
      `no code without a ${lang} message`,
    );
  }
});

t.test('messages name only the details the server sends for that code', async (t) => {
  const wrong: string[] = [];
  for (const [code, params] of Object.entries(ERROR_CODES)) {
    for (const lang of ['en', 'ja', 'zh']) {
      const text = dicts[lang]![`error.${code}`] ?? '';
      for (const m of text.matchAll(/\{(\w+)\}/g)) if (!(m[1]! in params)) wrong.push(`${lang} error.${code}: {${m[1]}}`);
    }
  }
  t.same(wrong, []);
});

t.test("Fastify's own codes outside the catalog become BAD_REQUEST", async (t) => {
  const fastifyError = Object.assign(new Error('weird'), { statusCode: 400, code: 'FST_ERR_SOMETHING_NEW' });
  t.equal(toErrorBody(fastifyError).code, 'BAD_REQUEST');
  const tooLarge = Object.assign(new Error('big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  t.equal(toErrorBody(tooLarge).code, 'CTP_BODY_TOO_LARGE');
  t.same(toErrorBody(new AppError(422, 'AGENDA_OVER_TIME', 'x', { overByMinutes: 25 })).details, { overByMinutes: 25 });
});
