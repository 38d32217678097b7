/**
 * Settings: the workspace (name, time zone, clearing the demo data), its members and invitations, its
 * Stripe connection, and the signed-in person's own sessions and password. A member sees the workspace read-only and
 * manages only their own account (and may leave).
 */
import { useEffect, useState } from 'preact/hooks';
import { del, patch, type Workspace } from '../api';
import { canEdit, type Me, useMe } from '../auth';
import { TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { Invitations } from './invitations';
import { Members } from './members';
import { ChangePassword, MySessions } from './my-account';
import { StripeSettings } from './stripe-connection';

export default function SettingsPage() {
  const me = useMe() as Me;
  const editor = canEdit(me.role);
  return (
    <section>
      <PageHeader title="Settings" />
      {!editor && (
        <p class="read-only-note">
          Read-only: as a {me.role ?? 'member'} you can see the workspace settings; an admin or owner changes them.
        </p>
      )}
      <WorkspaceSettings editor={editor} />
      <Members me={me} />
      {editor && <Invitations me={me} />}
      <StripeSettings editor={editor} />
      <MySessions />
      <ChangePassword />
      {editor && <DemoData />}
    </section>
  );
}

function WorkspaceSettings({ editor }: { editor: boolean }) {
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
  return (
    <form class="card" onSubmit={save} aria-label="Workspace">
      <h2>Workspace</h2>
      {ws.error && <p class="muted">The workspace could not be read: {ws.error}</p>}
      {ws.loading && !ws.data && <Loading />}
      <TextInput label="Workspace name" value={name} onValue={setName} required disabled={!editor} />
      <TextInput
        label="Time zone"
        value={timeZone}
        onValue={setTimeZone}
        list="zones"
        help="Reports and capacity windows use it, e.g. Europe/Berlin"
        required
        disabled={!editor}
      />
      <datalist id="zones">
        {zones.map((z) => (
          <option value={z} />
        ))}
      </datalist>
      {editor && (
        <button type="submit" disabled={action.busy}>
          Save
        </button>
      )}
      <ErrorNote error={action.error} />
    </form>
  );
}

function DemoData() {
  const action = useAction();
  const clearDemo = () =>
    confirm('Delete the demo teams, rules, policies and leads?') &&
    action.run(async () => (await del('/v1/demo-data'), toast('Demo data cleared.')));
  return (
    <div class="card">
      <h2>Demo data</h2>
      <p>Remove the seeded demo setup and leads to start clean.</p>
      <button type="button" class="danger" onClick={clearDemo}>
        Clear demo data
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}
