// Types of the issues API as the web client uses them, and label helpers.
import { t, type MessageKey } from '../../i18n/index.js';
import type { Translation } from '../../components/Translated.js';

export type Names = { id: string; nameEn: string; nameJa: string; nameZh: string };
export { ISSUE_CATEGORIES as CATEGORIES, ISSUE_STATES as STATES, ISSUE_VISIBILITIES as VISIBILITIES } from '../../../../src/lib/issue-vocabulary.js';

export interface IssueSummary {
  id: string;
  title: string;
  category: string;
  tags: string[];
  language: string;
  visibility: string;
  state: string;
  company: Names | null;
  mine: boolean;
  supportCount: number;
  supportedByUs: boolean;
  /** My company may back it now (the server's rule). */
  canSupport: boolean;
  unreadMessages: number;
  mergedIntoId: string | null;
  createdAt: string;
  submittedAt: string | null;
  stateChangedAt: string;
  /** The title in the UI language, if translated (current or stale). */
  translation: Translation | null;
  score?: number;
}

export interface HistoryEntry {
  kind: string;
  command: string | null;
  fromState: string | null;
  toState: string | null;
  createdAt: string;
  actorName: string | null;
  reason: string | null;
}

export interface IssueDetail extends IssueSummary {
  body: string;
  desiredOutcome: string;
  /** The round-table it is scheduled for (only for officials and the author company). */
  roundTableId: string | null;
  commands: string[];
  history: HistoryEntry[];
  attachments: { id: string; filename: string; mediaType: string; size: number }[];
  supporters: { company: Names | null; comment: string; ours: boolean }[];
  answer: { text: string; language: string; translation: Translation | null; department: string; timeFrame: string; releasedAt: string | null } | null;
  mergedInto: { id: string; title: string | null } | null;
  merged: { id: string; title: string; body: string; visibility: string; language: string; company: Names | null; history: HistoryEntry[] }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FeedItem {
  id: string;
  type: string;
  issueId: string | null;
  data: { title?: string; toState?: string; answer?: { text: string; department: string; timeFrame: string }; body?: string; reason?: string | null };
  createdAt: string;
  readAt: string | null;
}

export const label = (prefix: string, value: string) => t(`${prefix}.${value}` as MessageKey);
export const stateLabel = (s: string) => label('issueState', s);
export const categoryLabel = (c: string) => label('category', c);
export const visibilityLabel = (v: string) => label('visibility', v);
