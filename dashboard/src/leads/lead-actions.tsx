/** What a person does with a lead: record a response, change stage, reassign, won, lost, not spam, promote. */
import { useState } from 'preact/hooks';
import { enc, post, type LeadDetail, type LeadEventInput, type Rep } from '../api';
import { Dialog } from '../ui/dialog';
import { Select, TextArea, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { toast } from '../ui/toast';

type Kind = 'contacted' | 'stage_changed' | 'assign' | 'won' | 'lost';
const TITLES: Record<Kind, string> = {
  contacted: 'Record a response',
  stage_changed: 'Change stage',
  assign: 'Reassign',
  won: 'Mark won',
  lost: 'Mark lost',
};

export function LeadActions({ lead, reps, onChange }: { lead: LeadDetail; reps: Rep[]; onChange(): void }) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [channel, setChannel] = useState('email');
  const [note, setNote] = useState('');
  const [stage, setStage] = useState(lead.stage ?? '');
  const [repId, setRepId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(lead.currency ?? 'USD');
  const [reason, setReason] = useState('');
  const action = useAction();
  const base = `/v1/leads/${enc(lead.id)}`;
  const done = (msg: string) => (toast(msg), setOpen(null), setNote(''), onChange());
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      if (open === 'assign') {
        await post(`${base}/assign`, { repId, ...(note ? { note } : {}) });
        return done('Lead reassigned.');
      }
      const n = note ? { note } : {};
      const body: LeadEventInput =
        open === 'contacted'
          ? { type: 'contacted', channel: channel as 'email', ...n }
          : open === 'stage_changed'
            ? { type: 'stage_changed', stage, ...n }
            : open === 'won'
              ? { type: 'won', amount: Number(amount), currency: currency.toUpperCase(), ...n }
              : { type: 'lost', ...(reason ? { reason } : {}) };
      await post(`${base}/events`, body);
      done(open === 'contacted' ? 'Response recorded.' : 'Saved.');
    });
  };
  const simple = (path: 'not-spam' | 'promote', msg: string) =>
    action.run(async () => (await post(`${base}/${path}`), done(msg)));
  const closed = lead.status === 'won' || lead.status === 'lost' || lead.status === 'churned';
  return (
    <div class="card">
      <h2>Actions</h2>
      <div class="button-row">
        {!closed && lead.status !== 'spam' && (
          <>
            <button type="button" onClick={() => setOpen('contacted')}>
              Record a response
            </button>
            <button type="button" class="secondary" onClick={() => setOpen('stage_changed')}>
              Change stage
            </button>
            <button type="button" class="secondary" onClick={() => setOpen('assign')}>
              Reassign
            </button>
            <button type="button" class="secondary" onClick={() => setOpen('won')}>
              Won
            </button>
            <button type="button" class="secondary" onClick={() => setOpen('lost')}>
              Lost
            </button>
          </>
        )}
        {lead.status === 'spam' && (
          <button type="button" onClick={() => simple('not-spam', 'Marked not spam: routed and its SLA started.')}>
            Not spam
          </button>
        )}
        {lead.status === 'waitlisted' && (
          <button type="button" onClick={() => simple('promote', 'Promoted from the waitlist.')}>
            Promote
          </button>
        )}
      </div>
      {!open && <ErrorNote error={action.error} />}
      <Dialog title={open ? TITLES[open] : ''} open={open !== null} onClose={() => setOpen(null)}>
        <form onSubmit={submit}>
          {open === 'contacted' && (
            <Select
              label="Channel"
              value={channel}
              onValue={setChannel}
              options={['email', 'phone', 'meeting', 'chat', 'other']}
            />
          )}
          {open === 'stage_changed' && <TextInput label="Stage" value={stage} onValue={setStage} required />}
          {open === 'assign' && (
            <Select
              label="Rep"
              value={repId}
              onValue={setRepId}
              options={[
                ['', 'Choose a rep'],
                ...reps.map((r): [string, string] => [r.id, `${r.name} (${r.openLeads} open)`]),
              ]}
            />
          )}
          {open === 'won' && (
            <>
              <TextInput label="Amount" type="number" min="0" step="0.01" value={amount} onValue={setAmount} required />
              <TextInput
                label="Currency"
                value={currency}
                onValue={setCurrency}
                maxLength={3}
                help="An ISO 4217 code such as USD or EUR"
                required
              />
            </>
          )}
          {open === 'lost' && <TextInput label="Reason" value={reason} onValue={setReason} />}
          {open !== 'lost' && <TextArea label="Note" value={note} onValue={setNote} rows={3} />}
          <ErrorNote error={action.error} />
          <button type="submit" disabled={action.busy || (open === 'assign' && !repId)}>
            Save
          </button>
        </form>
      </Dialog>
    </div>
  );
}
