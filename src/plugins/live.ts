// WebSocket transport. Frames are small JSON (16 KB cap), compression off (cheap per socket, no
// compression side channels). On shutdown every socket is told 1001 (going away: reconnect elsewhere).
import websocket from '@fastify/websocket';
import fp from 'fastify-plugin';

export const MAX_FRAME_BYTES = 16 * 1024;
export const CLOSE_GOING_AWAY = 1001;

export default fp(
  async (app) => {
    await app.register(websocket, {
      options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
      // Replaces the plugin's default (a close without a code): clients must learn to reconnect elsewhere.
      preClose(done) {
        for (const socket of app.websocketServer.clients) socket.close(CLOSE_GOING_AWAY, 'server shutting down');
        app.websocketServer.close(() => done());
      },
    });
  },
  { name: 'live' },
);
