// TypeBox schemas shared by many routes.
import type { Readable } from 'node:stream';
import { Type, type Static, type TSchema } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { description: 'Error: `code` is stable and machine-readable' },
);

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Language = Type.Union([Type.Literal('en'), Type.Literal('ja'), Type.Literal('zh')]);
export const Role = Type.Union([Type.Literal('organizer'), Type.Literal('official'), Type.Literal('company_rep'), Type.Literal('attendee')]);
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' });
/** An ISO-8601 instant in UTC; handlers may return a Date, the serializer writes the ISO string. */
export const Instant = Type.Unsafe<Date | string>(Type.String({ format: 'date-time' }));
/** A CSV download: handlers return the stream from lib/csv.ts, which Fastify pipes out unserialized. */
export const CsvFile = Type.Unsafe<Readable>(Type.String({ description: 'text/csv: UTF-8 with BOM, CRLF, every field quoted' }));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Ok = Type.Object({ ok: Type.Boolean() }, { additionalProperties: false });

/** Error responses a route may give, by status, for its schema. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export type { Static };
