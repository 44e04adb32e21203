// Overload is shed, not suffered: past the event-loop delay, heap or RSS limits every request (except
// the liveness probe) is answered at once with 503 OVERLOADED, Retry-After and the documented error
// shape, instead of queueing. app.isUnderPressure() lets background jobs (the live safety poll, the
// reminder, outbox and retention jobs) skip a round while the instance is overloaded.
import underPressure, { type FastifyUnderPressureOptions as UnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { getHeapStatistics } from 'node:v8';
import type { Config } from '../config.js';
import { errorBody } from '../lib/errors.js';

type PressureHandler = (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => unknown;

/** Routes that must answer even under pressure: liveness (a restart would not help an overloaded instance). */
const EXEMPT = new Set(['/healthz']);

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const { maxEventLoopDelayMs, maxHeapUsedMb, maxRssMb, sampleIntervalMs } = config.pressure;
    const retryAfter = config.database.retryAfterSeconds;
    await app.register(underPressure, {
      sampleInterval: sampleIntervalMs,
      maxEventLoopDelay: maxEventLoopDelayMs,
      // 0: 90 % of V8's heap limit.
      maxHeapUsedBytes: (maxHeapUsedMb || Math.floor((getHeapStatistics().heap_size_limit * 0.9) / 2 ** 20)) * 2 ** 20,
      maxRssBytes: maxRssMb * 2 ** 20,
      retryAfter,
      // A value returned here is sent as the answer (the plugin's types say void; its code sends it);
      // undefined lets the request through.
      pressureHandler: ((request, reply, type, value) => {
        if (EXEMPT.has(request.url)) return undefined;
        request.log.warn({ type, value }, 'under pressure: request shed');
        void reply.status(503).header('retry-after', String(retryAfter));
        return errorBody(503, 'OVERLOADED', 'This instance is overloaded; try again shortly', { reason: type });
      }) as PressureHandler as NonNullable<UnderPressureOptions['pressureHandler']>,
    });
  },
  { name: 'pressure' },
);
