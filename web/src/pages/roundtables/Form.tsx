// The round-table form with every setting the API has, for creating a draft and for editing one.
// The client checks what the server checks (same codes, so the same messages), and shows either's
// refusal next to the field it is about. On a published round-table, a new time, zone, venue or link
// is a reschedule on the server (registrants told, calendars updated): the form says so and asks why.
import { DateTime } from 'luxon';
import { useMemo, useState } from 'preact/hooks';
import { get, patch, post, type User } from '../../api.js';
import { ZonePicker, listedZone } from '../../components/ZonePicker.js';
import { clientError, ErrorNote, FieldError, fieldOfError, useLoad, useSubmit } from '../../components/ui.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { me } from '../../session.js';
import { toLocalInput, type RoundTable } from './model.js';

export const THEMES = ['general', 'investment', 'modern_services', 'intellectual_property', 'business_environment'] as const;
const MAX_MINUTES = 24 * 60;

export interface FormValues {
  titleEn: string;
  titleJa: string;
  titleZh: string;
  descriptionEn: string;
  descriptionJa: string;
  descriptionZh: string;
  theme: string;
  chairId: string;
  venueName: string;
  venueRoom: string;
  venueAddress: string;
  venueCityEn: string;
  venueCityJa: string;
  venueCityZh: string;
  onlineUrl: string;
  timeZone: string;
  start: string;
  end: string;
  capacity: number;
  seatsPerCompany: number;
  requiresApproval: boolean;
  audience: 'public' | 'registered';
  proposalDeadline: string;
  pledgeDays: number;
  reason: string;
}

function initialValues(rt: RoundTable | undefined): FormValues {
  const user = me.value!.user;
  if (!rt) {
    return {
      titleEn: '',
      titleJa: '',
      titleZh: '',
      descriptionEn: '',
      descriptionJa: '',
      descriptionZh: '',
      theme: 'general',
      chairId: user.id,
      venueName: '',
      venueRoom: '',
      venueAddress: '',
      venueCityEn: '',
      venueCityJa: '',
      venueCityZh: '',
      onlineUrl: '',
      timeZone: 'Asia/Shanghai',
      start: '',
      end: '',
      capacity: 30,
      seatsPerCompany: 2,
      requiresApproval: false,
      audience: 'public',
      proposalDeadline: '',
      pledgeDays: 100,
      reason: '',
    };
  }
  return {
    titleEn: rt.titleEn,
    titleJa: rt.titleJa,
    titleZh: rt.titleZh,
    descriptionEn: rt.descriptionEn,
    descriptionJa: rt.descriptionJa,
    descriptionZh: rt.descriptionZh,
    theme: rt.theme,
    chairId: rt.chairId,
    venueName: rt.venueName ?? '',
    venueRoom: rt.venueRoom ?? '',
    venueAddress: rt.venueAddress ?? '',
    venueCityEn: rt.venueCityEn ?? '',
    venueCityJa: rt.venueCityJa ?? '',
    venueCityZh: rt.venueCityZh ?? '',
    onlineUrl: rt.onlineUrl ?? '',
    timeZone: rt.timeZone,
    start: toLocalInput(rt.startsAt, rt.timeZone),
    end: toLocalInput(rt.endsAt, rt.timeZone),
    capacity: rt.capacity,
    seatsPerCompany: rt.seatsPerCompany,
    requiresApproval: rt.requiresApproval,
    audience: rt.audience,
    proposalDeadline: rt.proposalDeadline ? toLocalInput(rt.proposalDeadline, rt.timeZone) : '',
    pledgeDays: rt.pledgeDays,
    reason: '',
  };
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The server's rules, checked before sending; throws the server's code for the first broken one. */
export function validate(v: FormValues, opts: { timesChanged: boolean }) {
  if (!v.titleEn.trim() && !v.titleJa.trim() && !v.titleZh.trim()) throw clientError('TITLE_REQUIRED', 'titleEn');
  if (!listedZone(v.timeZone)) throw clientError('INVALID_TIME_ZONE', 'timeZone');
  for (const field of ['start', 'end'] as const) if (!LOCAL.test(v[field])) throw clientError('INVALID_LOCAL_TIME', field);
  const start = DateTime.fromISO(v.start, { zone: v.timeZone });
  const end = DateTime.fromISO(v.end, { zone: v.timeZone });
  if (end <= start) throw clientError('END_BEFORE_START', 'end');
  if (end.diff(start, 'minutes').minutes > MAX_MINUTES) throw clientError('DURATION_TOO_LONG', 'end');
  if (opts.timesChanged && start.toMillis() < Date.now()) throw clientError('START_IN_PAST', 'start');
  if (!v.venueName.trim() && !v.onlineUrl.trim()) throw clientError('LOCATION_REQUIRED', 'venueName');
  if (v.onlineUrl.trim() && !/^https:\/\/\S+$/.test(v.onlineUrl.trim())) throw clientError('INVALID_ONLINE_URL', 'onlineUrl');
  if (v.proposalDeadline) {
    if (!LOCAL.test(v.proposalDeadline)) throw clientError('INVALID_LOCAL_TIME', 'proposalDeadline');
    if (DateTime.fromISO(v.proposalDeadline, { zone: v.timeZone }) > start) throw clientError('PROPOSAL_DEADLINE_AFTER_START', 'proposalDeadline');
  }
  if (!(v.capacity >= 1 && v.capacity <= 10000)) throw clientError('INVALID_CAPACITY', 'capacity');
  if (!(v.seatsPerCompany >= 1 && v.seatsPerCompany <= 1000)) throw clientError('INVALID_SEATS_PER_COMPANY', 'seatsPerCompany');
  if (!(v.pledgeDays >= 1 && v.pledgeDays <= 3650)) throw clientError('INVALID_PLEDGE_DAYS', 'pledgeDays');
}

/** Which field a server code is about, when the server does not name one. */
const FIELD_OF_CODE: Record<string, string> = {
  TITLE_REQUIRED: 'titleEn',
  INVALID_TIME_ZONE: 'timeZone',
  END_BEFORE_START: 'end',
  DURATION_TOO_LONG: 'end',
  START_IN_PAST: 'start',
  LOCATION_REQUIRED: 'venueName',
  VENUE_CONFLICT: 'venueName',
  INVALID_ONLINE_URL: 'onlineUrl',
  PROPOSAL_DEADLINE_AFTER_START: 'proposalDeadline',
  INVALID_CAPACITY: 'capacity',
  CHAIR_NOT_FOUND: 'chairId',
  CHAIR_NOT_OFFICIAL: 'chairId',
  CHAIR_CONFLICT: 'chairId',
  INVALID_THEME: 'theme',
  AGENDA_OVER_TIME: 'end',
};

export function RoundTableForm({ rt, onSaved }: { rt?: RoundTable; onSaved: (rt: RoundTable) => unknown }) {
  const [v, setV] = useState<FormValues>(() => initialValues(rt));
  const original = useMemo(() => initialValues(rt), [rt?.id, rt?.sequence]);
  const hostOrg = me.value!.user.organizationId;
  const officials = useLoad(() => get<User[]>('/api/users'), []);
  const chairs = (officials.data ?? []).filter((u) => u.role === 'official' && u.organizationId === hostOrg && !u.deactivatedAt);
  const timesChanged = !rt || v.start !== original.start || v.end !== original.end || v.timeZone !== original.timeZone;
  const moved =
    !!rt && rt.status !== 'draft' && (timesChanged || (['venueName', 'venueRoom', 'venueAddress', 'onlineUrl'] as const).some((k) => v[k] !== original[k]));

  const submit = useSubmit(async () => {
    validate(v, { timesChanged });
    const body = {
      titleEn: v.titleEn.trim(),
      titleJa: v.titleJa.trim(),
      titleZh: v.titleZh.trim(),
      descriptionEn: v.descriptionEn,
      descriptionJa: v.descriptionJa,
      descriptionZh: v.descriptionZh,
      theme: v.theme,
      chairId: v.chairId,
      venueName: v.venueName.trim() || null,
      venueRoom: v.venueRoom.trim() || null,
      venueAddress: v.venueAddress.trim() || null,
      venueCityEn: v.venueCityEn.trim() || null,
      venueCityJa: v.venueCityJa.trim() || null,
      venueCityZh: v.venueCityZh.trim() || null,
      onlineUrl: v.onlineUrl.trim() || null,
      timeZone: v.timeZone,
      start: v.start,
      end: v.end,
      capacity: v.capacity,
      seatsPerCompany: v.seatsPerCompany,
      requiresApproval: v.requiresApproval,
      audience: v.audience,
      proposalDeadline: v.proposalDeadline || null,
      pledgeDays: v.pledgeDays,
    };
    const saved = rt
      ? await patch<RoundTable>(`/api/round-tables/${rt.id}`, { ...body, ...(moved && v.reason.trim() ? { reason: v.reason.trim() } : {}) })
      : await post<RoundTable>('/api/round-tables', body);
    onSaved(saved);
  });
  const errorField = fieldOfError(submit.error, FIELD_OF_CODE);
  const err = (field: string) => (errorField === field ? <FieldError error={submit.error} id={`rt-${field}-error`} /> : null);
  const described = (field: string) => (errorField === field ? `rt-${field}-error` : undefined);

  const text = (field: keyof FormValues, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <label class="field">
      <span>{t(label)}</span>
      <input
        id={`rt-${field}`}
        name={field}
        value={v[field] as string}
        aria-invalid={errorField === field}
        aria-describedby={described(field)}
        onInput={(e) => setV({ ...v, [field]: e.currentTarget.value })}
        {...extra}
      />
      {err(field)}
    </label>
  );
  const number = (field: 'capacity' | 'seatsPerCompany' | 'pledgeDays', label: MessageKey, min: number, max: number) => (
    <label class="field">
      <span>{t(label)}</span>
      <input
        id={`rt-${field}`}
        name={field}
        type="number"
        required
        min={min}
        max={max}
        value={v[field]}
        aria-invalid={errorField === field}
        aria-describedby={described(field)}
        onInput={(e) => setV({ ...v, [field]: Number(e.currentTarget.value) })}
      />
      {err(field)}
    </label>
  );

  return (
    <form class="card rt-form" onSubmit={submit.run} data-testid={rt ? 'edit-round-table' : 'create-round-table'} noValidate>
      <h2>{rt ? t('rt.edit') : t('rt.create')}</h2>
      <fieldset>
        <legend>{t('rt.form.what')}</legend>
        <div class="row">
          {text('titleEn', 'rt.titleEn', { maxLength: 200 })}
          {text('titleJa', 'rt.titleJa', { maxLength: 200 })}
          {text('titleZh', 'rt.titleZh', { maxLength: 200 })}
        </div>
        <div class="row">
          {(['descriptionEn', 'descriptionJa', 'descriptionZh'] as const).map((k) => (
            <label class="field">
              <span>{t(`rt.${k}` as MessageKey)}</span>
              <textarea id={`rt-${k}`} maxLength={5000} value={v[k]} onInput={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
            </label>
          ))}
        </div>
        <div class="row">
          <label class="field">
            <span>{t('rt.theme')}</span>
            <select id="rt-theme" value={v.theme} onChange={(e) => setV({ ...v, theme: e.currentTarget.value })}>
              {THEMES.map((th) => (
                <option value={th}>{t(`rt.theme.${th}` as MessageKey)}</option>
              ))}
            </select>
            {err('theme')}
          </label>
          <label class="field">
            <span>{t('rt.chair')}</span>
            <select id="rt-chairId" value={v.chairId} onChange={(e) => setV({ ...v, chairId: e.currentTarget.value })} aria-describedby={described('chairId')}>
              {chairs.length === 0 && <option value={v.chairId}>{rt?.chairName ?? me.value!.user.displayName}</option>}
              {chairs.map((u) => (
                <option value={u.id}>{u.displayName}</option>
              ))}
            </select>
            {officials.error ? <FieldError error={officials.error} /> : null}
            {err('chairId')}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('rt.form.when')}</legend>
        <div class="row">
          <label class="field">
            <span>{t('rt.zone')}</span>
            <ZonePicker id="rt-timeZone" value={v.timeZone} onChange={(timeZone) => setV({ ...v, timeZone })} />
            {err('timeZone')}
          </label>
          <label class="field">
            <span>{t('rt.start')}</span>
            <input
              id="rt-start"
              type="datetime-local"
              step={60}
              required
              value={v.start}
              aria-invalid={errorField === 'start'}
              aria-describedby={described('start')}
              onInput={(e) => setV({ ...v, start: e.currentTarget.value })}
            />
            {err('start')}
          </label>
          <label class="field">
            <span>{t('rt.end')}</span>
            <input
              id="rt-end"
              type="datetime-local"
              step={60}
              required
              value={v.end}
              aria-invalid={errorField === 'end'}
              aria-describedby={described('end')}
              onInput={(e) => setV({ ...v, end: e.currentTarget.value })}
            />
            {err('end')}
          </label>
          <label class="field">
            <span>{t('rt.proposalDeadline')}</span>
            <input
              id="rt-proposalDeadline"
              type="datetime-local"
              step={60}
              value={v.proposalDeadline}
              aria-describedby={described('proposalDeadline')}
              onInput={(e) => setV({ ...v, proposalDeadline: e.currentTarget.value })}
            />
            {err('proposalDeadline')}
          </label>
        </div>
        <p class="muted small">{t('rt.form.timesHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('rt.form.where')}</legend>
        <div class="row">
          {text('venueName', 'rt.venue', { maxLength: 200 })}
          {text('venueRoom', 'rt.room', { maxLength: 100 })}
          {text('venueAddress', 'rt.address', { maxLength: 500 })}
          {text('onlineUrl', 'rt.onlineUrl', { maxLength: 500, type: 'url', placeholder: 'https://' })}
        </div>
        <div class="row">
          {text('venueCityEn', 'rt.venueCityEn', { maxLength: 100 })}
          {text('venueCityJa', 'rt.venueCityJa', { maxLength: 100, lang: 'ja' })}
          {text('venueCityZh', 'rt.venueCityZh', { maxLength: 100, lang: 'zh-CN' })}
        </div>
        <p class="muted small">{t('rt.form.whereHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('rt.form.who')}</legend>
        <div class="row">
          {number('capacity', 'rt.capacity', 1, 10000)}
          {number('seatsPerCompany', 'rt.seatsPerCompany', 1, 1000)}
          <label class="field">
            <span>{t('rt.audience')}</span>
            <select id="rt-audience" value={v.audience} onChange={(e) => setV({ ...v, audience: e.currentTarget.value as FormValues['audience'] })}>
              <option value="public">{t('rt.audience.public')}</option>
              <option value="registered">{t('rt.audience.registered')}</option>
            </select>
          </label>
          {number('pledgeDays', 'rt.pledgeDays', 1, 3650)}
        </div>
        <label class="choice">
          <input
            id="rt-requiresApproval"
            type="checkbox"
            checked={v.requiresApproval}
            onChange={(e) => setV({ ...v, requiresApproval: e.currentTarget.checked })}
          />
          {t('rt.requiresApproval')}
        </label>
      </fieldset>
      {moved && (
        <div class="notice" data-testid="reschedule-notice">
          <p>{t('rt.form.movedNotice')}</p>
          {text('reason', 'rt.reason', { maxLength: 1000 })}
        </div>
      )}
      {submit.error && !errorField ? <ErrorNote error={submit.error} /> : null}
      <div class="row">
        <button type="submit" disabled={submit.busy} aria-busy={submit.busy} data-testid="rt-submit">
          {rt ? (moved ? t('rt.form.saveAndNotify') : t('profile.save')) : t('rt.createDraft')}
        </button>
      </div>
    </form>
  );
}
