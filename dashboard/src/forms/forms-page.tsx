import type { FormT, Page } from '../api';
import { useApi } from '../use-api';

export function FormsPage() {
  const { data, error } = useApi<Page<FormT>>('/v1/forms?limit=100');
  return (
    <section>
      <h1>Forms</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data?.data.map((f) => (
        <div class="card" key={f.id}>
          <h2>{f.name}</h2>
          <p class="muted">
            {f.id} · {f.fields.length} fields · allowed on {f.allowedOrigins.join(', ') || 'no site yet'}
          </p>
          <label>
            Embed code
            <textarea readOnly rows={2} value={f.embed} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      ))}
    </section>
  );
}
