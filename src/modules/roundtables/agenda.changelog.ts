// What changed between two published agendas: slots added, removed, moved, retimed, renamed.
// "Moved" means the slot left the longest common order of the slots both releases share (or changed
// section), so moving one slot does not report every slot it jumped over.
import type { AGENDA_ITEM_KINDS } from '../../lib/roundtable-vocabulary.js';

export type ItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export interface ReleasedItem {
  id: string;
  kind: ItemKind;
  sectionId: string | null;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  presenter: string;
  plannedMinutes: number;
  /** Minutes after the round-table's start: the start follows reschedules without a new release. */
  offsetMinutes: number;
  issueIds: string[];
}

export type Change = 'added' | 'removed' | 'moved' | 'retimed' | 'renamed';

export interface ChangelogEntry {
  change: Change;
  itemId: string;
  kind: string;
  titleEn: string;
  titleJa: string;
  titleZh: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Ids in both sequences that keep their relative order (longest common subsequence). */
function stableIds(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  }
  const keep = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      keep.add(a[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

const titles = (i: ReleasedItem) => ({ titleEn: i.titleEn, titleJa: i.titleJa, titleZh: i.titleZh });

export function changelog(previous: ReleasedItem[], next: ReleasedItem[]): ChangelogEntry[] {
  const before = new Map(previous.map((i) => [i.id, i]));
  const after = new Map(next.map((i) => [i.id, i]));
  const entries: ChangelogEntry[] = [];
  // Slots that changed section have moved anyway; the order is compared among the rest.
  const common = (list: ReleasedItem[], other: Map<string, ReleasedItem>) =>
    list.filter((i) => other.has(i.id) && other.get(i.id)!.sectionId === i.sectionId).map((i) => i.id);
  const stable = stableIds(common(previous, after), common(next, before));

  for (const item of next) {
    const old = before.get(item.id);
    const base = { itemId: item.id, kind: item.kind, ...titles(item) };
    if (!old) {
      entries.push({ change: 'added', ...base, after: { offsetMinutes: item.offsetMinutes, plannedMinutes: item.plannedMinutes } });
      continue;
    }
    if (!stable.has(item.id) || old.sectionId !== item.sectionId) {
      entries.push({
        change: 'moved',
        ...base,
        before: { position: previous.indexOf(old), sectionId: old.sectionId },
        after: { position: next.indexOf(item), sectionId: item.sectionId },
      });
    }
    if (old.titleEn !== item.titleEn || old.titleJa !== item.titleJa || old.titleZh !== item.titleZh) {
      entries.push({ change: 'renamed', ...base, before: titles(old), after: titles(item) });
    }
    // A section's time is its slots' time: report the slots, not the section.
    if (item.kind !== 'section' && (old.offsetMinutes !== item.offsetMinutes || old.plannedMinutes !== item.plannedMinutes)) {
      entries.push({
        change: 'retimed',
        ...base,
        before: { offsetMinutes: old.offsetMinutes, plannedMinutes: old.plannedMinutes },
        after: { offsetMinutes: item.offsetMinutes, plannedMinutes: item.plannedMinutes },
      });
    }
  }
  for (const old of previous) {
    if (!after.has(old.id)) entries.push({ change: 'removed', itemId: old.id, kind: old.kind, ...titles(old), before: { offsetMinutes: old.offsetMinutes } });
  }
  return entries;
}
