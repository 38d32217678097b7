/** Workspace name and time zone, clearing the demo data; members and invitations come from account/. */
import { useEffect, useState } from 'preact/hooks';
import { del, patch, type Workspace } from '../api';
import { TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

export default function SettingsPage() {
  const ws = useApi<Workspace>('/v1/workspace');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const action = useAction();
  useEffect(() => void (ws.data && (setName(ws.data.name), setTimeZone(ws.data.timeZone))), [ws.data]);
  const zones = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(
      async () => (await patch('/v1/workspace', { name, timeZone }), toast('Workspace saved.'), ws.reload()),
    );
  };
  const clearDemo = () =>
    confirm('Delete the demo teams, rules, policies and leads?') &&
    action.run(async () => (await del('/v1/demo-data'), toast('Demo data cleared.')));
  return (
    <section>
      <PageHeader title="Settings" />
      <form class="card" onSubmit={save} aria-label="Workspace">
        <h2>Workspace</h2>
        {ws.error && <p class="muted">The workspace could not be read: {ws.error}</p>}
        {ws.loading && !ws.data && <Loading />}
        <TextInput label="Workspace name" value={name} onValue={setName} required />
        <TextInput
          label="Time zone"
          value={timeZone}
          onValue={setTimeZone}
          list="zones"
          help="Reports and capacity windows use it, e.g. Europe/Berlin"
          required
        />
        <datalist id="zones">
          {zones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
        <button type="submit" disabled={action.busy}>
          Save
        </button>
      </form>
      {/* Slot: the accounts engineer's members and invitations (dashboard/src/account/) go here. */}
      <div class="card" id="members-slot">
        <h2>Members and invitations</h2>
        <p class="muted">Managed with accounts (coming with sign-in by email).</p>
      </div>
      <div class="card">
        <h2>Demo data</h2>
        <p>Remove the seeded demo setup and leads to start clean.</p>
        <button type="button" class="danger" onClick={clearDemo}>
          Clear demo data
        </button>
      </div>
      <ErrorNote error={action.error} />
    </section>
  );
}
