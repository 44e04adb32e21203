// The registry of event types: every `type` appended to the log has a TypeBox schema for its
// payload, checked on append (inside the writer's transaction, so a bad payload rolls the change
// back). Every type is declared in the one catalog, live/event-catalog.ts (the architecture test checks it).
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

interface Registered {
  schema: TSchema;
  validator: Validator;
}

const registry = new Map<string, Registered>();
const TYPE_NAME = /^[a-z][a-zA-Z_]*(\.[a-z][a-zA-Z_]*)+$/;

/** Registers payload schemas by event type (e.g. 'issue.submitted'); returns them for typing. */
export function defineEventTypes<T extends Record<string, TSchema>>(types: T): T {
  for (const [type, schema] of Object.entries(types)) {
    if (!TYPE_NAME.test(type)) throw new Error(`Event type "${type}" must look like area.happened`);
    const existing = registry.get(type);
    if (existing && existing.schema !== schema) throw new Error(`Event type "${type}" is defined twice`);
    registry.set(type, { schema, validator: Compile(schema) });
  }
  return types;
}

export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly problems: string[],
  ) {
    super(`Invalid event ${type}: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** Throws unless `type` is registered and `data` matches its schema. */
export function assertValidEvent(type: string, data: unknown): void {
  const entry = registry.get(type);
  if (!entry) throw new InvalidEventError(type, ['unknown event type: declare it with defineEventTypes']);
  if (!entry.validator.Check(data)) {
    throw new InvalidEventError(
      type,
      entry.validator
        .Errors(data)
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}`),
    );
  }
}

/** Every registered type with its payload schema (served as JSON Schema to client authors). */
export function eventTypeSchemas(): Record<string, TSchema> {
  return Object.fromEntries([...registry].sort(([a], [b]) => a.localeCompare(b)).map(([type, { schema }]) => [type, schema]));
}
