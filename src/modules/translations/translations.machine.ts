// The extension point for machine translation. No provider ships with Roundtable: a deployment that wants
// one implements MachineTranslator (e.g. around a cloud translation API) and registers it at start with
// useMachineTranslator(). Its output is stored like a person's translation, marked `machine: true`, and
// goes stale the same way when the original changes.
import type { Language } from '../../lib/principal.js';

export interface MachineTranslator {
  /** Shown nowhere to readers; for logs. */
  readonly name: string;
  /** The same fields, translated. Throw to refuse (nothing is stored then). */
  translate(input: { fields: Record<string, string>; from: Language; to: Language }): Promise<Record<string, string>>;
}

let current: MachineTranslator | null = null;

export function useMachineTranslator(translator: MachineTranslator | null): void {
  current = translator;
}

export const machineTranslator = (): MachineTranslator | null => current;
