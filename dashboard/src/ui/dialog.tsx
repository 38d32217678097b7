/** A modal on the native <dialog>: the browser traps focus, Escape closes, focus returns to the opener. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog({
  title,
  open,
  onClose,
  children,
  wide,
}: {
  title: string;
  open: boolean;
  onClose(): void;
  children: ComponentChildren;
  /** For an editor with many controls (a rep's week, an SLA policy). */
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={id} onClose={onClose} class={wide ? 'wide' : undefined}>
      <div class="dialog-head">
        <h2 id={id}>{title}</h2>
        <button class="secondary" type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
