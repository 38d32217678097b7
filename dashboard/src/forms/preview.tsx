/** The live preview: the real widget form (widget/src/preview.tsx) with the draft, no form id, no requests. */
import { useEffect, useRef } from 'preact/hooks';
import type { FormInput } from '../api';
import { renderPreview, resetPreview } from '../../../widget/src/preview';

export function LivePreview({ draft }: { draft: FormInput }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current)
      renderPreview(host.current, { fields: draft.fields, theme: draft.theme ?? {}, copy: draft.copy ?? {} });
  }, [draft]);
  return (
    <div class="card preview">
      <h2>Live preview</h2>
      <div ref={host} data-testid="form-preview" />
      <button
        type="button"
        class="secondary"
        onClick={() =>
          host.current &&
          (resetPreview(host.current),
          renderPreview(host.current, { fields: draft.fields, theme: draft.theme ?? {}, copy: draft.copy ?? {} }))
        }
      >
        Reset preview
      </button>
    </div>
  );
}
