// TypeBox schemas shared by many routes.
import type { Readable } from 'node:stream';
import { Type, type Static, type TSchema } from 'typebox';
import { LANGUAGES, ROLES } from './principal.js';

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
/** A union of string literals from one of the value lists (lib/principal.ts, the database enums). */
export const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
export const Language = literals(LANGUAGES);
export const Role = literals(ROLES);
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' });
/**
 * Years a date in a request may name. PostgreSQL has no year 0 (and year 1 in a zone east of UTC
 * is year 0 in UTC); nothing in this application happens before 1900 or after 9999.
 */
const YEAR = '(?:19\\d{2}|[2-9]\\d{3})';
/** An instant in a request (query or body): ISO-8601 with an offset, years 1900 to 9999. */
export const InstantInput = Type.String({ format: 'date-time', pattern: `^${YEAR}-`, description: 'ISO-8601 date-time with offset, years 1900–9999' });
/** A wall-clock time in some zone (e.g. a round-table's), years 1900 to 9999. */
export const LOCAL_DATE_TIME = `^${YEAR}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$`;
export const LocalDateTime = (description: string) => Type.String({ pattern: LOCAL_DATE_TIME, description });
/** An ISO-8601 instant in UTC in a response; handlers may return a Date, the serializer writes the ISO string. */
export const Instant = Type.Unsafe<Date | string>(Type.String({ format: 'date-time' }));
/** A CSV download: handlers return the stream from lib/csv.ts, which Fastify pipes out unserialized. */
export const CsvFile = Type.Unsafe<Readable>(Type.String({ description: 'text/csv: UTF-8 with BOM, CRLF, every field quoted' }));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Ok = Type.Object({ ok: Type.Boolean() }, { additionalProperties: false });

/** Error responses a route may give, by status, for its schema. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export type { Static };
