/** Secret keys: create (full or with narrower scopes; the secret shown once, with copy), list by prefix, revoke. */
import { useState } from 'preact/hooks';
import { del, enc, getAll, post, type ApiKey, type CreatedApiKey } from '../api';
import { when } from '../format';
import { Checkbox, TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

type KeyScope = ApiKey['scopes'][number];

/** The narrower scopes, as README's "Key scopes and roles" describes them. */
const SCOPES: [KeyScope, string][] = [
  ['leads:read', 'Leads: read'],
  ['leads:write', 'Leads: record responses, stages, reassign, revenue'],
  ['settings:read', 'Settings: read'],
  ['settings:write', 'Settings: change'],
  ['reports:read', 'Reports and exports'],
];

export default function ApiKeysPage() {
  const keys = useApi<ApiKey[]>('keys', () => getAll<ApiKey>('/v1/api-keys'));
  const [name, setName] = useState('');
  // None ticked: a full key (webhook signing secrets and keys included).
  const [scopes, setScopes] = useState<KeyScope[]>([]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const action = useAction();
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(
      async () => (
        setCreated(await post<CreatedApiKey>('/v1/api-keys', { name, scopes: scopes.length ? scopes : ['full'] })),
        setName(''),
        setScopes([]),
        keys.reload()
      ),
    );
  };
  const revoke = (k: ApiKey) =>
    confirm(`Revoke ${k.name}? Requests with it stop at once.`) &&
    action.run(async () => (await del(`/v1/api-keys/${enc(k.id)}`), toast('Key revoked.'), keys.reload()));
  return (
    <section>
      <PageHeader title="API keys" />
      <form class="inline-form card" onSubmit={create}>
        <TextInput label="Key name" value={name} onValue={setName} required placeholder="CRM sync" />
        <fieldset class="scopes">
          <legend>Restrict to (none ticked: full access)</legend>
          {SCOPES.map(([scope, label]) => (
            <Checkbox
              label={label}
              checked={scopes.includes(scope)}
              onValue={(on) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
            />
          ))}
        </fieldset>
        <button type="submit" disabled={action.busy}>
          Create key
        </button>
      </form>
      {created && (
        <div class="card notice" role="status">
          <p>
            <strong>{created.name}</strong>: copy the secret now, it is shown only once.
          </p>
          <code class="secret">{created.secret}</code> <CopyButton text={created.secret} label="Copy secret" />
        </div>
      )}
      <ErrorNote error={keys.error ?? action.error} />
      {!keys.data ? (
        <Loading />
      ) : (
        <Table
          caption="Secret keys"
          rows={keys.data}
          rowKey={(k) => k.id}
          columns={[
            { label: 'Name', cell: (k) => k.name },
            { label: 'Prefix', cell: (k) => <code>{k.prefix}…</code> },
            { label: 'Scopes', cell: (k) => k.scopes.join(', ') },
            { label: 'Created', cell: (k) => when(k.createdAt) },
            { label: 'Last used', cell: (k) => (k.lastUsedAt ? when(k.lastUsedAt) : 'never') },
            {
              label: 'State',
              cell: (k) =>
                k.revokedAt ? (
                  `revoked ${when(k.revokedAt)}`
                ) : (
                  <button type="button" class="danger" onClick={() => revoke(k)}>
                    Revoke<span class="sr-only"> {k.name}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
