// The baselines, in a process of their own: the least work that does the same job.
//  GET  /bytes/:name  a bare Fastify route returning bytes held in memory (set by the runner)
//  POST /insert       one INSERT … RETURNING of an issue-sized row through `postgres` (pool of 10, as the app)
//  POST /floor        as many statements as the app sends per submit (set by the runner), one after another in
//                     one transaction: INSERTs of the same row. What the app's round trips cost by themselves.
//  ws   /ws           a raw `ws` server: sends the snapshot bytes on connect, and on POST /broadcast
//                     sends the event bytes to every client
import Fastify from 'fastify';
import postgres from 'postgres';
import { WebSocketServer, type WebSocket } from 'ws';
import { serve } from '../lib/ipc.js';

const sql = postgres(process.env.BENCH_DATABASE_URL!, { max: 10, onnotice: () => {} });
const bytes = new Map<string, { type: string; body: Buffer }>();
let snapshot = Buffer.from('{}');
let event = Buffer.from('{}');

const app = Fastify({ logger: false });
app.get<{ Params: { name: string } }>('/bytes/:name', async (request, reply) => {
  const b = bytes.get(request.params.name);
  if (!b) return reply.status(404).send();
  return reply.type(b.type).send(b.body);
});
app.post<{ Body: { title: string; body: string } }>('/insert', async (request, reply) => {
  const [row] = await sql`insert into bench_rows (title, body) values (${request.body.title}, ${request.body.body}) returning *`;
  return reply.status(201).send(row);
});
let floorStatements = 1;
app.post<{ Body: { title: string; body: string } }>('/floor', async (request, reply) => {
  const { title, body } = request.body;
  // begin and commit are two of the app's counted statements as well.
  const row = await sql.begin(async (tx) => {
    let last: unknown;
    for (let i = 0; i < Math.max(1, floorStatements - 2); i++) [last] = await tx`insert into bench_rows (title, body) values (${title}, ${body}) returning *`;
    return last;
  });
  return reply.status(201).send(row);
});
const clients = new Set<WebSocket>();
app.post('/broadcast', async () => {
  for (const ws of clients) ws.send(event, { binary: false });
  return { sent: clients.size };
});
await app.listen({ host: '127.0.0.1', port: 0 });
const wss = new WebSocketServer({ server: app.server, path: '/ws' });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.send(snapshot, { binary: false });
});

serve(
  {
    setBytes: ({ name, type, body }) => void bytes.set(name as string, { type: type as string, body: Buffer.from(body as string, 'base64') }),
    setFloor: ({ statements }) => void (floorStatements = statements as number),
    setFrames: (args) => {
      snapshot = Buffer.from(args.snapshot as string);
      event = Buffer.from(args.event as string);
    },
    stats: ({ gc }) => {
      if (gc && global.gc) {
        global.gc();
        global.gc();
      }
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed, sockets: clients.size };
    },
  },
  { port: (app.server.address() as { port: number }).port },
);
