/** `/app/workspaces/new`: a signed-in person starts another workspace (they own it; it becomes active). */
import { useState } from 'preact/hooks';
import { navigate } from '../router';
import { TextInput } from '../ui/field';
import { ErrorNote, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { createWorkspace } from './workspaces';

export default function NewWorkspacePage() {
  const [name, setName] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await createWorkspace(name.trim());
      toast(`Workspace ${name.trim()} created.`);
      navigate('/');
    });
  };
  return (
    <section>
      <PageHeader title="New workspace" />
      <form class="card" onSubmit={submit} aria-label="New workspace">
        <TextInput label="Workspace name" value={name} onValue={setName} required />
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy}>
          Create workspace
        </button>
      </form>
    </section>
  );
}
