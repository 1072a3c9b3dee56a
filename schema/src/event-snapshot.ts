import { z } from 'zod';
import type { JsonSchema } from './event-schema-diff.js';
import type { ModuleLoader } from './generate-sdl.js';

/** What `schema/events/<event>.json` holds: the contract as the base saw it. */
export interface EventSnapshot {
  readonly event: string;
  readonly version: number;
  readonly schema: JsonSchema;
}

const eventNameRe = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

const contractShape = z.object({
  version: z.number().int().positive(),
  schema: z.custom<z.ZodType>((s) => s instanceof z.ZodType, 'must be a zod schema'),
});

/**
 * Loads the event-contract registry and converts each contract to JSON Schema, in event name
 * order. Throws a TypeError naming every malformed entry.
 */
export async function loadEventSnapshots(
  specifier: string,
  exportName: string,
  load: ModuleLoader,
): Promise<EventSnapshot[]> {
  const mod = (await load(specifier)) as Record<string, unknown> | null;
  const registry = mod?.[exportName];
  if (typeof registry !== 'object' || registry === null) {
    throw new TypeError(`${specifier} must export \`${exportName}\`: a record of event contracts`);
  }
  const problems: string[] = [];
  const snapshots: EventSnapshot[] = [];
  for (const [event, contract] of Object.entries(registry).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!eventNameRe.test(event)) problems.push(`${event}: names are dotted lowercase words`);
    const parsed = contractShape.safeParse(contract);
    if (!parsed.success) {
      problems.push(
        `${event}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
      continue;
    }
    try {
      const schema = z.toJSONSchema(parsed.data.schema) as JsonSchema;
      snapshots.push({ event, version: parsed.data.version, schema });
    } catch (cause) {
      problems.push(
        `${event}: cannot convert to JSON Schema: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }
  if (problems.length > 0) throw new TypeError(`invalid event contracts:\n${problems.join('\n')}`);
  return snapshots;
}

/** The snapshot file text: JSON laid out as Prettier would, so formatting never fights it. */
export function renderEventSnapshot(snapshot: EventSnapshot): string {
  return `${printJson(snapshot, '', '', '')}\n`;
}

const printWidth = 100;

function printJson(value: unknown, indent: string, prefix: string, suffix: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `[]`;
    if (value.every(isFlat)) {
      const inline = inlineText(value);
      if (indent.length + prefix.length + inline.length + suffix.length <= printWidth)
        return inline;
    }
    const inner = `${indent}  `;
    const items = value.map(
      (v, i) => `${inner}${printJson(v, inner, '', i < value.length - 1 ? ',' : '')}`,
    );
    return `[\n${items.map((line, i) => (i < value.length - 1 ? `${line},` : line)).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return `{}`;
    const inner = `${indent}  `;
    const lines = entries.map(([key, v], i) => {
      const keyText = `${JSON.stringify(key)}: `;
      const comma = i < entries.length - 1 ? ',' : '';
      return `${inner}${keyText}${printJson(v, inner, keyText, comma)}${comma}`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function inlineText(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(inlineText).join(', ')}]` : JSON.stringify(value);
}

function isFlat(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isFlat);
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return true;
}
