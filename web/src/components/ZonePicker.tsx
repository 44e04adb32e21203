// A searchable list of IANA time zones: type a part of the name ("shang", "Tokyo") and pick from the
// matches. Used wherever a zone is chosen (profile, round-table form) so zones are never free text.
import { useMemo, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

export const allZones = (): string[] => (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');

let zoneList: string[] | null = null;
const zones = () => (zoneList ??= [...new Set([...allZones(), 'UTC'])].sort());

/** The zone as the list spells it (`asia/shanghai` -> `Asia/Shanghai`), or null when it is not one. */
export function listedZone(value: string): string | null {
  const wanted = value.trim().toLowerCase();
  return zones().find((z) => z.toLowerCase() === wanted) ?? null;
}

export function ZonePicker({ id, value, onChange, required = true }: { id: string; value: string; onChange: (zone: string) => void; required?: boolean }) {
  const [text, setText] = useState(value);
  const listId = `${id}-zones`;
  const known = useMemo(() => zones(), []);
  const valid = listedZone(text) !== null;
  return (
    <>
      <input
        id={id}
        list={listId}
        required={required}
        autocomplete="off"
        value={text}
        aria-invalid={!valid}
        placeholder={t('zone.placeholder')}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const zone = listedZone(next);
          e.currentTarget.setCustomValidity(zone ? '' : t('zone.pick'));
          if (zone) onChange(zone);
        }}
        onBlur={(e) => {
          const zone = listedZone(e.currentTarget.value);
          if (zone) setText(zone);
        }}
      />
      <datalist id={listId}>
        {known.map((z) => (
          <option value={z} />
        ))}
      </datalist>
      {!valid && <span class="field-error">{t('zone.pick')}</span>}
    </>
  );
}
