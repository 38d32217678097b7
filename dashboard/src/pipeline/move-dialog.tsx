/** What a move into a closing stage needs: a won stage asks amount and currency, a lost stage a reason. */
import { useState } from 'preact/hooks';
import type { Lead, PipelineStage } from '../api';
import { leadName } from '../format';
import { Dialog } from '../ui/dialog';
import { TextInput } from '../ui/field';

export interface MoveDetails {
  amount?: string;
  currency?: string;
  reason?: string;
}

export function MoveDialog({
  lead,
  stage,
  error,
  busy,
  onConfirm,
  onCancel,
}: {
  lead: Lead | null;
  stage: PipelineStage | null;
  error?: string | null;
  busy: boolean;
  onConfirm(d: MoveDetails): void;
  onCancel(): void;
}) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [reason, setReason] = useState('');
  const won = stage?.kind === 'won';
  const open = !!lead && !!stage;
  const submit = (e: Event) => {
    e.preventDefault();
    onConfirm(won ? { amount: amount.trim(), currency: currency.trim().toUpperCase() } : { reason: reason.trim() });
  };
  return (
    <Dialog title={open ? `Move ${leadName(lead)} to ${stage.name}` : 'Move'} open={open} onClose={onCancel}>
      <form onSubmit={submit}>
        {won ? (
          <>
            <TextInput
              label="Amount"
              help="In major units, for example 1200.50"
              value={amount}
              onValue={setAmount}
              required
              autoComplete="off"
            />
            <TextInput
              label="Currency"
              help="ISO 4217 code such as USD, EUR or JPY"
              value={currency}
              onValue={setCurrency}
              required
              maxLength={3}
            />
          </>
        ) : (
          <TextInput label="Reason it was lost" value={reason} onValue={setReason} maxLength={500} />
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="button-row">
          <button type="submit" disabled={busy}>
            Move to {stage?.name}
          </button>
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
