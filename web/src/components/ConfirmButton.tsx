// A destructive action behind a confirmation: a native <dialog> (focus moves into it, Escape
// cancels, the keyboard reaches both buttons) that says what will happen before it happens.
import { useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';

export function ConfirmButton({
  label,
  confirm,
  onConfirm,
  testId,
  undo,
  disabled = false,
  buttonClass = 'danger',
  before,
}: {
  label: string;
  confirm: string;
  onConfirm: () => unknown;
  testId?: string;
  /** Where the action can be undone, how (shown in the dialog). */
  undo?: string;
  disabled?: boolean;
  /** `link` for a small action in a list row; the confirming button is always `danger`. */
  buttonClass?: string;
  /** Runs before the dialog opens; returning false keeps it closed (e.g. a required reason is missing). */
  before?: () => boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        class={buttonClass}
        data-testid={testId}
        disabled={disabled}
        onClick={() => {
          if (before && !before()) return;
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} class="confirm" aria-labelledby={testId ? `${testId}-text` : undefined}>
        <form method="dialog">
          <p id={testId ? `${testId}-text` : undefined}>{confirm}</p>
          {undo && <p class="muted">{undo}</p>}
          <div class="row">
            <button value="cancel" class="secondary" autofocus>
              {t('confirm.cancel')}
            </button>
            <button
              value="confirm"
              class="danger"
              data-testid={testId ? `${testId}-confirm` : undefined}
              onClick={(e) => {
                e.preventDefault();
                dialog.current?.close();
                void onConfirm();
              }}
            >
              {label}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
