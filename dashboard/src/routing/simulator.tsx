/** The simulator: a sample lead's values and UTM → the decision and its explanation (saved or draft rules). */
import { useState } from 'preact/hooks';
import { post, type SimulateInput, type SimulateResult } from '../api';
import { decisionOf, RoutingWhy } from '../leads/routing-why';
import { TextArea, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';

export function Simulator({
  draftRules,
  name,
}: {
  draftRules: SimulateInput['rules'] | null;
  name(kind: 'rep' | 'team', id: string): string;
}) {
  const [values, setValues] = useState('name=Sam Sample\nemail=sam@acme.example');
  const [source, setSource] = useState('');
  const [medium, setMedium] = useState('');
  const [campaign, setCampaign] = useState('');
  const [result, setResult] = useState<SimulateResult | null>(null);
  const action = useAction();
  const run = (e: Event) => {
    e.preventDefault();
    const vals = Object.fromEntries(
      values
        .split('\n')
        .map((l) => l.split('='))
        .filter((p) => p[0]?.trim())
        .map(([k, ...v]) => [k!.trim(), v.join('=').trim()]),
    );
    const utm = Object.fromEntries(Object.entries({ source, medium, campaign }).filter(([, v]) => v));
    const body: SimulateInput = {
      lead: {
        values: vals,
        touchpoints: [
          {
            url: 'https://www.example.com/',
            occurredAt: new Date().toISOString(),
            ...(Object.keys(utm).length ? { utm } : {}),
          },
        ],
      },
      ...(draftRules ? { rules: draftRules } : {}),
    };
    void action.run(async () => setResult(await post<SimulateResult>('/v1/routing/simulate', body)));
  };
  const decision =
    result && decisionOf([{ id: '', type: 'lead.routed', data: result.decision, actor: '', occurredAt: '' }]);
  return (
    <form class="card simulator" onSubmit={run} aria-label="Simulator">
      <h2>Simulator</h2>
      <p class="help">
        {draftRules ? 'Tries the rules as edited here, unsaved changes included.' : 'Tries the saved rules.'}
      </p>
      <TextArea label="Values (key=value, one a line)" rows={3} value={values} onValue={setValues} />
      <div class="row">
        <TextInput label="UTM source" value={source} onValue={setSource} />
        <TextInput label="UTM medium" value={medium} onValue={setMedium} />
        <TextInput label="UTM campaign" value={campaign} onValue={setCampaign} />
      </div>
      <button type="submit" disabled={action.busy}>
        Simulate
      </button>
      <ErrorNote error={action.error} />
      {result && (
        <div role="status" class="sim-result">
          <p>
            <strong>Predicted owner: {result.rep ? result.rep.name : 'nobody (unassigned)'}</strong>
            {result.team && ` in ${result.team.name}`}
          </p>
          {decision && <RoutingWhy decision={decision} name={name} />}
        </div>
      )}
    </form>
  );
}
