/**
 * The workspace's own Stripe account: connect with the signing secret of the endpoint made in Stripe
 * (the answer is the URL to paste there), see what arrived, rotate the secret, disconnect. The secret
 * is sent once and never shown again: the API answers only its last characters.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, del, get, post } from '../api';
import { Dialog } from '../ui/dialog';
import { TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

interface StripeConnection {
  id: string;
  endpointUrl: string;
  events: string[];
  signingSecretHint: string;
  lastEventAt: string | null;
  eventCounts: { applied: number; pending: number; ignored: number };
  createdAt: string;
}

const PATH = '/v1/integrations/stripe';

/** The connection, or null when the workspace has none (the API's 404). */
async function loadConnection(): Promise<StripeConnection | null> {
  try {
    return await get<StripeConnection>(PATH);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) return null;
    throw e;
  }
}

export function StripeSettings({ editor }: { editor: boolean }) {
  const connection = useApi<StripeConnection | null>('stripe-connection', loadConnection);
  const [secret, setSecret] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const c = connection.data;
  const connect = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(PATH, { signingSecret: secret.trim() });
      toast(c ? 'Signing secret replaced; the endpoint URL is unchanged.' : 'Stripe connected.');
      setSecret('');
      connection.reload();
    });
  };
  const disconnect = () =>
    action.run(async () => {
      await del(PATH);
      setConfirming(false);
      toast('Stripe disconnected.');
      connection.reload();
    });
  return (
    <section class="card" aria-labelledby="stripe-h">
      <h2 id="stripe-h">Stripe</h2>
      <p>
        Paid invoices, refunds and cancelled subscriptions from your own Stripe account become revenue, refunds and
        churn on the matching leads.
      </p>
      {connection.loading && connection.data === undefined && <Loading />}
      <ErrorNote error={connection.error} />
      {c && (
        <>
          <dl aria-label="Stripe connection">
            <dt>Endpoint URL</dt>
            <dd>
              <code>{c.endpointUrl}</code> <CopyButton text={c.endpointUrl} label="Copy the endpoint URL" />
            </dd>
            <dt>Events to send</dt>
            <dd>{c.events.join(', ')}</dd>
            <dt>Signing secret</dt>
            <dd>{c.signingSecretHint}</dd>
            <dt>Connected</dt>
            <dd>{new Date(c.createdAt).toLocaleString()}</dd>
            <dt>Last event received</dt>
            <dd>{c.lastEventAt ? new Date(c.lastEventAt).toLocaleString() : 'None yet'}</dd>
            <dt>Events</dt>
            <dd>
              {c.eventCounts.applied} applied, {c.eventCounts.pending} waiting for a matching lead,{' '}
              {c.eventCounts.ignored} ignored
            </dd>
          </dl>
          <p class="muted">In Stripe, set this URL as the endpoint's URL (Developers → Webhooks).</p>
        </>
      )}
      {connection.data === null && <p>Not connected.</p>}
      {editor && connection.data !== undefined && (
        <form class="inline-form" onSubmit={connect} aria-label={c ? 'Replace the signing secret' : 'Connect Stripe'}>
          <TextInput
            label={c ? 'New signing secret' : 'Signing secret'}
            type="password"
            autoComplete="off"
            value={secret}
            onValue={setSecret}
            required
            help="From the endpoint you made in Stripe (Developers → Webhooks): whsec_…"
          />
          <button type="submit" disabled={action.busy}>
            {c ? 'Replace secret' : 'Connect Stripe'}
          </button>
          {c && (
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              Disconnect Stripe
            </button>
          )}
        </form>
      )}
      <ErrorNote error={action.error} />
      <Dialog title="Disconnect Stripe?" open={confirming} onClose={() => setConfirming(false)}>
        <p>Its endpoint URL stops taking events. Revenue already recorded stays with the leads.</p>
        <div class="actions">
          <button type="button" class="danger" onClick={disconnect} disabled={action.busy}>
            Disconnect
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep connected
          </button>
        </div>
      </Dialog>
    </section>
  );
}
