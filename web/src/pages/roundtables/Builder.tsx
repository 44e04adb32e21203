// The agenda builder (officials): slots and one level of sections, moved with buttons; start times
// computed live in the venue zone beside the viewer's; the fit against the round-table's time; save the
// draft, then publish it as the next release.
import { useEffect, useState } from 'preact/hooks';
import { get, post, api } from '../../api.js';
import { Awaiting, ErrorNote, FieldError, useSubmit } from '../../components/ui.js';
import { type MessageKey, t, tn } from '../../i18n/index.js';
import { dualTime, SLOT_KINDS, type AgendaItem, type Draft, type ItemKind, type RoundTable } from './model.js';

const kindLabel = (k: string) => t(`rt.kind.${k}` as MessageKey);
const blank = (kind: ItemKind): AgendaItem => ({
  kind,
  titleEn: '',
  titleJa: '',
  titleZh: '',
  presenter: '',
  plannedMinutes: kind === 'section' ? 0 : 15,
  internalNotes: '',
  issueIds: [],
  ...(kind === 'section' ? { items: [] } : {}),
});

/** Strips the computed fields the server adds, leaving what the draft PUT accepts. */
function toInput(item: AgendaItem): Record<string, unknown> {
  const base = {
    ...(item.id ? { id: item.id } : {}),
    kind: item.kind,
    titleEn: item.titleEn,
    titleJa: item.titleJa,
    titleZh: item.titleZh,
    presenter: item.presenter,
    plannedMinutes: item.plannedMinutes,
    internalNotes: item.internalNotes ?? '',
    issueIds: item.issueIds,
  };
  return item.kind === 'section' ? { ...base, plannedMinutes: 0, issueIds: [], items: (item.items ?? []).map(toInput) } : base;
}

type Path = [number] | [number, number];

export function AgendaBuilder({ rt, onPublished }: { rt: RoundTable; onPublished: () => void }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [items, setItems] = useState<AgendaItem[]>([]);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [newKind, setNewKind] = useState<ItemKind>('presentation');

  const load = () =>
    get<Draft>(`/api/round-tables/${rt.id}/agenda/draft`).then((d) => {
      setDraft(d);
      setItems(d.items);
      setDirty(false);
    }, setError);
  useEffect(() => void load(), [rt.id, rt.startsAt, rt.endsAt]);
  // Accepted issues not yet on any agenda: what officials can pick into issue slots.
  const [accepted, setAccepted] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    get<{ items: { id: string; title: string }[] }>('/api/issues/queue?state=accepted&limit=100').then(
      (p) => setAccepted(p.items),
      () => setAccepted([]),
    );
  }, [rt.id, draft?.version]);

  const change = (next: AgendaItem[]) => {
    setItems(next);
    setDirty(true);
    setNote(null);
  };
  const update = (path: Path, patch: Partial<AgendaItem>) => {
    const next = clone();
    if (path.length === 1) next[path[0]] = { ...next[path[0]]!, ...patch };
    else next[path[0]]!.items![path[1]] = { ...next[path[0]]!.items![path[1]]!, ...patch };
    change(next);
  };
  const listAt = (next: AgendaItem[], path: Path) => (path.length === 1 ? next : next[path[0]]!.items!);
  const clone = (): AgendaItem[] => items.map((i) => ({ ...i, ...(i.items ? { items: [...i.items] } : {}) }));
  const move = (path: Path, delta: -1 | 1) => {
    const next = clone();
    const list = listAt(next, path);
    const i = path[path.length - 1]!;
    const j = i + delta;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    change(next);
  };
  const remove = (path: Path) => {
    const next = clone();
    listAt(next, path).splice(path[path.length - 1]!, 1);
    change(next);
  };
  /** Into the section just above (top-level slot), or out of its section to just after it. */
  const indent = (path: Path) => {
    const next = clone();
    if (path.length === 1) {
      const above = next[path[0] - 1];
      if (!above || above.kind !== 'section') return;
      const [slot] = next.splice(path[0], 1);
      above.items = [...(above.items ?? []), slot!];
    } else {
      const [slot] = next[path[0]]!.items!.splice(path[1], 1);
      next.splice(path[0] + 1, 0, slot!);
    }
    change(next);
  };

  // Start times as the server computes them: slots in order, sections span their slots.
  const starts = new Map<AgendaItem, string>();
  let cursor = Date.parse(rt.startsAt);
  let planned = 0;
  for (const item of items) {
    starts.set(item, new Date(cursor).toISOString());
    for (const slot of item.kind === 'section' ? (item.items ?? []) : [item]) {
      starts.set(slot, new Date(cursor).toISOString());
      cursor += slot.plannedMinutes * 60_000;
      planned += slot.plannedMinutes;
    }
  }
  const over = planned - rt.durationMinutes;

  // Saving the draft and publishing it share one guard: a double click sends once, and neither runs
  // while the other is on its way (publish would otherwise send the version the save is replacing).
  const submit = useSubmit();
  const save = submit.runWith(async () => {
    setNote(null);
    const d = await api<Draft>('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: draft!.version, items: items.map(toInput) });
    setDraft(d);
    setItems(d.items);
    setDirty(false);
    setNote(t('rt.agenda.saved'));
  });
  const publish = submit.runWith(async () => {
    setNote(null);
    const r = await post<{ number: number }>(`/api/round-tables/${rt.id}/agenda/releases`, { version: draft!.version });
    setNote(t('rt.agenda.published', { number: r.number }));
    await load();
    onPublished();
  });

  if (!draft) return <Awaiting error={error} onRetry={() => (setError(null), load())} />;

  const linked = new Set(items.flatMap((i) => [...i.issueIds, ...(i.items ?? []).flatMap((s) => s.issueIds)]));
  const issueTitle = (id: string) => accepted.find((i) => i.id === id)?.title ?? draft.issues.find((i) => i.id === id)?.title ?? id;

  const row = (item: AgendaItem, path: Path) => {
    const label = `${kindLabel(item.kind)} ${path.map((p) => p + 1).join('.')}`;
    return (
      <li class={item.kind === 'section' ? 'slot section' : 'slot'} data-testid="builder-item">
        <div class="slot-head">
          <strong>{label}</strong>
          <span class="muted">{item.kind === 'section' ? '' : dualTime(starts.get(item)!, rt, false)}</span>
          <span class="slot-tools">
            <button class="link" aria-label={`${t('rt.agenda.up')} ${label}`} onClick={() => move(path, -1)}>
              ↑
            </button>
            <button class="link" aria-label={`${t('rt.agenda.down')} ${label}`} onClick={() => move(path, 1)}>
              ↓
            </button>
            {item.kind !== 'section' && (
              <button class="link" aria-label={`${path.length === 1 ? t('rt.agenda.indent') : t('rt.agenda.outdent')} ${label}`} onClick={() => indent(path)}>
                {path.length === 1 ? '→' : '←'}
              </button>
            )}
            <button class="link" aria-label={`${t('rt.agenda.remove')} ${label}`} onClick={() => remove(path)}>
              ✕
            </button>
          </span>
        </div>
        <div class="row">
          <input
            aria-label={`${t('rt.titleEn')} ${label}`}
            placeholder={t('rt.titleEn')}
            value={item.titleEn}
            onInput={(e) => update(path, { titleEn: e.currentTarget.value })}
          />
          <input
            aria-label={`${t('rt.titleJa')} ${label}`}
            placeholder={t('rt.titleJa')}
            value={item.titleJa}
            onInput={(e) => update(path, { titleJa: e.currentTarget.value })}
          />
          <input
            aria-label={`${t('rt.titleZh')} ${label}`}
            placeholder={t('rt.titleZh')}
            value={item.titleZh}
            onInput={(e) => update(path, { titleZh: e.currentTarget.value })}
          />
          {item.kind !== 'section' && (
            <>
              <input
                aria-label={`${t('rt.agenda.presenter')} ${label}`}
                placeholder={t('rt.agenda.presenter')}
                value={item.presenter}
                onInput={(e) => update(path, { presenter: e.currentTarget.value })}
              />
              <input
                class="minutes"
                type="number"
                min={0}
                aria-label={`${t('rt.agenda.minutes')} ${label}`}
                value={item.plannedMinutes}
                onInput={(e) => update(path, { plannedMinutes: Number(e.currentTarget.value) || 0 })}
              />
            </>
          )}
        </div>
        {item.kind === 'issue' && (
          <div class="issue-picker">
            <ul class="plain">
              {item.issueIds.map((id) => (
                <li>
                  {issueTitle(id)}{' '}
                  <button
                    class="link"
                    aria-label={`${t('rt.agenda.unlink')} ${issueTitle(id)}`}
                    onClick={() => update(path, { issueIds: item.issueIds.filter((x) => x !== id) })}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
            <select
              aria-label={`${t('rt.agenda.pickIssue')} ${label}`}
              value=""
              onChange={(e) => e.currentTarget.value && update(path, { issueIds: [...item.issueIds, e.currentTarget.value] })}
            >
              <option value="">{t('rt.agenda.pickIssue')}</option>
              {accepted
                .filter((i) => !linked.has(i.id))
                .map((i) => (
                  <option value={i.id}>{i.title}</option>
                ))}
            </select>
          </div>
        )}
        {item.kind !== 'section' && (
          <textarea
            aria-label={`${t('rt.agenda.notes')} ${label}`}
            placeholder={t('rt.agenda.notes')}
            value={item.internalNotes ?? ''}
            onInput={(e) => update(path, { internalNotes: e.currentTarget.value })}
          />
        )}
        {item.kind === 'section' && <ol class="plain">{(item.items ?? []).map((slot, j) => row(slot, [path[0], j]))}</ol>}
      </li>
    );
  };

  return (
    <section class="card" data-testid="agenda-builder">
      <h2>{t('rt.agenda.builder')}</h2>
      <p class={over > 0 ? 'error' : 'ok'} data-testid="fit">
        {t('rt.agenda.fit', { planned: planned, available: rt.durationMinutes })}
        {over > 0 ? ` · ${tn('rt.agenda.over', over)}` : ''}
      </p>
      <p class="muted">
        {draft.latestRelease ? t('rt.agenda.latestRelease', { number: draft.latestRelease }) : t('rt.agenda.noRelease')}
        {draft.unpublishedChanges && !dirty ? ` · ${t('rt.agenda.unpublished')}` : ''}
      </p>
      <ErrorNote error={error} />
      {note && (
        <p class="ok" role="status">
          {note}
        </p>
      )}
      <ol class="plain builder">{items.map((item, i) => row(item, [i]))}</ol>
      <div class="row">
        <select aria-label={t('rt.agenda.kind')} value={newKind} onChange={(e) => setNewKind(e.currentTarget.value as ItemKind)}>
          {[...SLOT_KINDS, 'section' as const].map((k) => (
            <option value={k}>{kindLabel(k)}</option>
          ))}
        </select>
        <button class="secondary" onClick={() => change([...items, blank(newKind)])}>
          {t('rt.agenda.add')}
        </button>
        <button onClick={save} disabled={!dirty || submit.busy}>
          {t('rt.agenda.save')}
        </button>
        <button onClick={publish} disabled={dirty || over > 0 || !draft.unpublishedChanges || submit.busy}>
          {t('rt.agenda.publish')}
        </button>
      </div>
      <FieldError error={submit.error} />
    </section>
  );
}
