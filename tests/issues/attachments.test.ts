// Attachments: type by content, size and count limits, author-only, visibility, and no orphan rows on failure.
import { crc32 } from 'node:zlib';
import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { issueAttachments } from '../../src/db/schema/index.js';
import { ORIGIN, signIn, stranger, testApp, testDatabase, type Client } from '../helpers/app.js';
import { command, createIssue } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20), Buffer.from('%%EOF')]);
// A real 1x1 PNG: file-type walks the chunks after the signature.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCX = zip({
  '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${WORD_MAIN}"/></Types>`,
  'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
});
// A ZIP that names word/ but is no Office document ([Content_Types].xml declares nothing of Word's).
const NOT_DOCX = zip({ '[Content_Types].xml': '<Types/>', 'word/payload.bin': 'x' });
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('evil/payload.bin')]);

/** A real ZIP archive (entries stored uncompressed), enough for content sniffing to open it. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function multipart(files: { name: string; data: Buffer; type?: string }[]) {
  const boundary = '----rtboundary' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`),
    );
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(client: Client, issueId: string, files: { name: string; data: Buffer; type?: string }[]) {
  const { payload, contentType } = multipart(files);
  return app.inject({
    method: 'POST',
    url: `/api/issues/${issueId}/attachments`,
    headers: { origin: ORIGIN, 'content-type': contentType, ...(client.cookie ? { cookie: client.cookie } : {}) },
    payload,
  });
}

const rowsOf = async (issueId: string) =>
  Number(
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(issueAttachments)
        .where(eq(issueAttachments.issueId, issueId))
    )[0]!.n,
  );

t.test('PDF, PNG, JPEG and DOCX are recognised by content and stored with the issue', async (t) => {
  const issue = await createIssue(hanami);
  const res = await upload(hanami, issue.id, [
    { name: 'report.pdf', data: PDF },
    { name: 'photo.png', data: PNG, type: 'image/png' },
    { name: 'scan.jpg', data: JPEG, type: 'image/jpeg' },
    { name: '../../etc/letter.docx', data: DOCX, type: 'application/octet-stream' },
  ]);
  t.equal(res.statusCode, 201, res.body);
  t.same(
    res.json().map((a: { filename: string; mediaType: string }) => [a.filename, a.mediaType]),
    [
      ['report.pdf', 'application/pdf'],
      ['photo.png', 'image/png'],
      ['scan.jpg', 'image/jpeg'],
      ['letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ],
  );
  const detail = (await sakura.get(`/api/issues/${issue.id}`)).json();
  t.equal(detail.attachments.length, 4);
  const download = await sakura.get(`/api/issues/${issue.id}/attachments/${detail.attachments[0].id}`);
  t.equal(download.statusCode, 200);
  t.equal(download.headers['content-type'], 'application/pdf');
  t.match(download.headers['content-disposition'], /attachment; filename\*=UTF-8''report\.pdf/);
  t.ok(download.rawPayload.equals(PDF), 'the same bytes come back');
  t.ok((await official.get(`/api/issues/${issue.id}`)).json().history.some((h: { kind: string }) => h.kind === 'attachments_added'));

  const removed = await hanami.delete(`/api/issues/${issue.id}/attachments/${detail.attachments[3].id}`);
  t.equal(removed.statusCode, 200);
  t.equal(await rowsOf(issue.id), 3);
});

t.test('a disguised file fails the whole upload: no rows', async (t) => {
  const issue = await createIssue(hanami);
  for (const [bad, status, code] of [
    [{ name: 'invoice.pdf', data: EXE }, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    [{ name: 'letter.docx', data: ZIP }, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    [{ name: 'letter.docx', data: NOT_DOCX }, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    [{ name: 'empty.pdf', data: Buffer.alloc(0) }, 400, 'ATTACHMENT_EMPTY'],
  ] as const) {
    const res = await upload(hanami, issue.id, [{ name: 'ok.pdf', data: PDF }, bad]);
    t.equal(res.statusCode, status, bad.name);
    t.equal(res.json().code, code, bad.name);
  }
  t.equal(await rowsOf(issue.id), 0, 'nothing half-written');
});

t.test('size and count limits', async (t) => {
  const issue = await createIssue(hanami);
  const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
  const tooBig = await upload(hanami, issue.id, [
    { name: 'ok.pdf', data: PDF },
    { name: 'big.pdf', data: big },
  ]);
  t.same([tooBig.statusCode, tooBig.json().code], [413, 'ATTACHMENT_TOO_LARGE']);
  t.equal(await rowsOf(issue.id), 0);
  const six = await upload(
    hanami,
    issue.id,
    Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, data: PDF })),
  );
  t.same([six.statusCode, six.json().code], [409, 'TOO_MANY_ATTACHMENTS']);
  t.equal(await rowsOf(issue.id), 0);
  t.equal(
    (
      await upload(
        hanami,
        issue.id,
        Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.pdf`, data: PDF })),
      )
    ).statusCode,
    201,
  );
  const over = await upload(hanami, issue.id, [
    { name: 'a.pdf', data: PDF },
    { name: 'b.pdf', data: PDF },
  ]);
  t.same([over.statusCode, over.json().code], [409, 'TOO_MANY_ATTACHMENTS']);
  t.equal(await rowsOf(issue.id), 4);
  t.equal((await upload(hanami, issue.id, [{ name: 'e.pdf', data: PDF }])).statusCode, 201, 'the fifth fits');
  const notMultipart = await hanami.post(`/api/issues/${issue.id}/attachments`, { file: 'x' });
  t.same([notMultipart.statusCode, notMultipart.json().code], [415, 'ATTACHMENT_NOT_MULTIPART']);
});

t.test('only the author company, only until review starts; invisible issues hide their files', async (t) => {
  const issue = await createIssue(hanami);
  const other = await upload(sakura, issue.id, [{ name: 'x.pdf', data: PDF }]);
  t.same([other.statusCode, other.json().code], [403, 'NOT_AUTHOR']);
  const confidential = await createIssue(hanami, { visibility: 'confidential' });
  const up = await upload(hanami, confidential.id, [{ name: 'secret.pdf', data: PDF }]);
  const fileId = up.json()[0].id;
  t.equal((await sakura.get(`/api/issues/${confidential.id}/attachments/${fileId}`)).statusCode, 404);
  t.equal((await stranger(app).get(`/api/issues/${confidential.id}/attachments/${fileId}`)).statusCode, 404);
  t.equal((await official.get(`/api/issues/${confidential.id}/attachments/${fileId}`)).statusCode, 200);
  await command(official, issue.id, 'start_review');
  const late = await upload(hanami, issue.id, [{ name: 'late.pdf', data: PDF }]);
  t.same([late.statusCode, late.json().code], [409, 'ISSUE_NOT_EDITABLE']);
  t.equal(await rowsOf(issue.id), 0);
});
