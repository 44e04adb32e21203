// WebSocket transport and the live hub. Frames are small JSON (16 KB cap), compression off (cheap
// per socket, no compression side channels). One LISTEN connection per instance wakes the hub; a
// safety poll and every (re)connect of that connection catch up on notifications that were lost.
// On shutdown every socket is told 1001 (going away: reconnect elsewhere).
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { AppError, forbidden, type ErrorCode } from '../lib/errors.js';
import type { Principal } from '../lib/principal.js';
import { Connection } from '../live/connection.js';
import { EVENTS_CHANNEL, installEventOutbox, sequencePendingEvents } from '../live/event-log.js';
import { Hub } from '../live/hub.js';
import { ReadCache } from '../live/read-cache.js';
import { CLOSE_GOING_AWAY, CLOSE_POLICY, CLOSE_TRY_AGAIN_LATER, errorFrame } from '../live/protocol.js';
import { redeemTicket } from '../live/tickets.js';
import { errorBody, toErrorBody } from '../lib/errors.js';

/** Node links the TCP socket to the upgrade's response internally (not in its typings). */
interface UpgradedSocket extends Socket {
  _httpMessage?: { detachSocket(socket: Socket): void } | null;
}

export const MAX_FRAME_BYTES = 16 * 1024;
export { CLOSE_GOING_AWAY };
export const LIVE_PATH = '/api/live';
/** What no stream announces (e.g. a chair's display name) may be this old in a cached public read. */
const READ_CACHE_TTL_MS = 10_000;

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: Hub;
    /** Open live connections on this instance, by user id (anonymous ones under ''). */
    liveConnections: Map<string, Set<Connection>>;
    /** Public read responses of this instance, dropped when their streams move (see read-cache.ts). */
    readCache: ReadCache;
  }
  interface FastifyRequest {
    /** Set by the live handshake: who the socket belongs to, or why it must be refused. */
    liveAuth?: { principal: Principal | null } | { error: AppError };
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    let unlisten: (() => Promise<void>) | null = null;
    let poll: NodeJS.Timeout | undefined;
    let ping: NodeJS.Timeout | undefined;
    await app.register(websocket, {
      options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
      // Replaces the plugin's default (a close without a code): clients must learn to reconnect elsewhere.
      preClose(done) {
        clearInterval(poll);
        clearInterval(ping);
        for (const socket of app.websocketServer.clients) socket.close(CLOSE_GOING_AWAY, 'server shutting down');
        // A client that does not answer the close handshake must not hold the shutdown for ws's 30 s.
        const grace = setTimeout(() => {
          for (const socket of app.websocketServer.clients) socket.terminate();
        }, 1000).unref();
        app.websocketServer.close(() => {
          clearTimeout(grace);
          done();
        });
      },
    });
    const readCache = new ReadCache(READ_CACHE_TTL_MS);
    const hub = new Hub(app.db, app.log);
    // Every transaction of the app appends the events it queued in one statement right before COMMIT;
    // once committed, what this instance cached from the streams it wrote is dropped at once, and the
    // events go out to this instance's sockets (other instances hear the NOTIFY and read them).
    const stopListening = installEventOutbox(app.db, (streams, events) => {
      for (const stream of streams) readCache.changed(stream);
      hub.committed(events);
    });
    app.decorate('readCache', readCache);
    const connections = new Map<string, Set<Connection>>();
    let openSockets = 0;
    const anonymousByAddress = new Map<string, number>();
    app.decorate('liveHub', hub);
    app.decorate('liveConnections', connections);

    app.addHook('onReady', async () => {
      unlisten = await app.database.listen(EVENTS_CHANNEL, {
        onNotify: (payload) => {
          hub.notified(payload);
          readCache.notified(payload);
        },
        // (Re)listening: whatever was notified while the connection was down is read now (and
        // whatever was cached may have changed unheard).
        onListen: () => {
          readCache.clear();
          void hub.poll();
        },
      });
      // The safety poll skips a round while the instance sheds load: LISTEN still delivers, and the next
      // poll reads from where the last one stopped, so nothing is lost.
      // It also numbers events a writer left pending (it died between its commit and numbering them).
      poll = setInterval(() => {
        if (app.isUnderPressure()) return;
        void sequencePendingEvents(app.db)
          .catch((err: unknown) => app.log.warn({ err }, 'live: numbering pending events failed'))
          .then(() => hub.poll());
      }, config.live.pollMs).unref();
      ping = setInterval(() => {
        for (const set of connections.values()) {
          for (const c of set) {
            if (!c.alive) c.socket.terminate();
            else {
              c.alive = false;
              c.socket.ping();
            }
          }
        }
      }, config.live.pingMs).unref();
    });
    app.addHook('onClose', async () => {
      stopListening();
      await unlisten?.();
    });

    /** Handshake: exact Origin allowlist, then the session cookie, a bearer token, a ticket, or nobody. */
    async function handshake(request: FastifyRequest<{ Querystring: { ticket?: string } }>): Promise<void> {
      const origin = request.headers.origin;
      if (origin !== undefined && !config.webOrigins.includes(origin)) {
        throw forbidden('This connection did not come from an allowed origin', 'ORIGIN_NOT_ALLOWED');
      }
      // A browser always names its origin; a cookie without one is not a browser we can vouch for.
      if (request.credential === 'cookie' && origin === undefined) {
        throw forbidden('Cookie-authenticated connections must name an allowed Origin', 'ORIGIN_NOT_ALLOWED');
      }
      const ticket = request.query.ticket;
      if (ticket !== undefined) {
        const principal = await redeemTicket(app.db, ticket);
        request.liveAuth = principal ? { principal } : { error: new AppError(401, 'INVALID_TICKET', 'This ticket is unknown, expired or already used') };
        return;
      }
      request.liveAuth = { principal: request.principal };
    }

    app.get<{ Querystring: { ticket?: string } }>(
      LIVE_PATH,
      {
        websocket: true,
        preValidation: handshake,
        schema: {
          tags: ['live'],
          summary: 'WebSocket: live events (see GET /api/live/protocol and the README "Live protocol")',
          querystring: Type.Object(
            { ticket: Type.Optional(Type.String({ maxLength: 100, description: 'From POST /api/live/tickets' })) },
            { additionalProperties: false },
          ),
        },
      },
      (socket, request) => {
        const auth = request.liveAuth;
        if (!auth || 'error' in auth) {
          const body = toErrorBody(auth?.error ?? new AppError(401, 'UNAUTHENTICATED', 'Sign in to continue'));
          socket.send(JSON.stringify(errorFrame(body, { retryAfterMs: config.live.retryAfterMs })));
          socket.close(CLOSE_POLICY, body.code);
          return;
        }
        accept(socket, auth.principal, request.raw.socket, request.ip);
      },
    );

    /**
     * A socket that passed the handshake becomes a Connection. Nothing here may keep the upgrade
     * request alive for the socket's lifetime (it is most of a socket's memory): the ServerResponse
     * @fastify/websocket made for the upgrade is detached from the TCP socket, the plugin's error
     * listener (which closes over the Fastify request and reply) gives way to the Connection's own,
     * and no closure below sees the request.
     */
    function accept(socket: WebSocket, principal: Principal | null, tcp: UpgradedSocket | undefined, ip: string): void {
      const upgrade = tcp?._httpMessage;
      if (tcp && upgrade) upgrade.detachSocket(tcp);
      const refuse = (status: number, code: ErrorCode, message: string, closeCode: number) => {
        socket.send(JSON.stringify(errorFrame(errorBody(status, code, message), { retryAfterMs: config.live.retryAfterMs })));
        socket.close(closeCode, code);
      };
      if (openSockets >= config.live.maxSockets) {
        return refuse(503, 'OVERLOADED', 'This instance has no room for another live connection; try again shortly', CLOSE_TRY_AGAIN_LATER);
      }
      const key = principal?.userId ?? '';
      let mine = connections.get(key);
      // Anonymous sockets per client address: no account to count them against.
      const address = principal ? null : ip;
      if (address !== null && (anonymousByAddress.get(address) ?? 0) >= config.live.maxAnonymousSocketsPerAddress) {
        return refuse(
          429,
          'TOO_MANY_CONNECTIONS',
          `At most ${config.live.maxAnonymousSocketsPerAddress} signed-out live connections per address`,
          CLOSE_POLICY,
        );
      }
      if (principal && (mine?.size ?? 0) >= config.live.maxSocketsPerUser) {
        return refuse(429, 'TOO_MANY_CONNECTIONS', `At most ${config.live.maxSocketsPerUser} live connections per user`, CLOSE_POLICY);
      }
      socket.removeAllListeners('error'); // the Connection listens for errors from here on
      const connection = new Connection(socket, principal, {
        hub,
        db: app.db,
        readCache,
        config: config.live,
        log: app.log,
        onClose: (c) => {
          openSockets--;
          if (address !== null) {
            const left = (anonymousByAddress.get(address) ?? 1) - 1;
            if (left) anonymousByAddress.set(address, left);
            else anonymousByAddress.delete(address);
          }
          const set = connections.get(key);
          set?.delete(c);
          if (set && !set.size) connections.delete(key);
        },
      });
      if (!mine) connections.set(key, (mine = new Set()));
      mine.add(connection);
      openSockets++;
      if (address !== null) anonymousByAddress.set(address, (anonymousByAddress.get(address) ?? 0) + 1);
      connection.watchAccess().catch((err: unknown) => {
        app.log.warn({ err }, 'live: could not watch access; closing');
        connection.close(CLOSE_GOING_AWAY, 'try again');
      });
    }
  },
  { name: 'live', dependencies: ['db', 'auth'] },
);
