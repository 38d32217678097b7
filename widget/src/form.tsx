/**
 * The lead form, rendered with Preact inside the shadow root; keyboard and screen-reader friendly.
 * A class component on purpose: preact/hooks would add ~1 KB gzip to a script every page loads.
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime, widget/vite.config.ts)
import { Component, h } from 'preact';
import type { PublicForm } from '../../api/src/contracts/public';
import { enqueue, send, type Pending, type SendResult } from './outbox';
import { visitor } from './touchpoints';
import { checkField, toPayload, type Field, type Values } from './validate';

export interface FormProps {
  config: PublicForm;
  api: string;
  /** A submission from an earlier page load that is still waiting to be sent. */
  pending?: Pending;
  onResult(r: SendResult, values: Values): void;
}

interface FormState {
  values: Values;
  errors: Record<string, string>;
  /** What the visitor sees instead of the form once it is sent (or queued); empty while editing. */
  message: string;
  sending?: boolean;
  notice?: string;
  link?: string;
  /** Who will answer and where to book them (the answer's `handoff`), or when to expect an answer. */
  handoff?: Handoff;
  expectBy?: string;
}

interface Handoff {
  displayName: string;
  bookingUrl?: string;
}

/** The submission answer's handoff fields (the API adds them when routing assigns an owner). */
type HandoffAnswer = { handoff?: Partial<Handoff> | null; expectedResponseBy?: string | null };

// Only an https link goes into the page, whatever the answer says (no javascript: or http: URLs).
const httpsUrl = (u: unknown): string | undefined =>
  typeof u === 'string' && /^https:\/\//i.test(u) && URL.canParse(u) ? u : undefined;

const OFFLINE = 'You seem to be offline. We saved your message and will send it when you are back online.';

export class LeadForm extends Component<FormProps, FormState> {
  rendered = Date.now();
  el?: HTMLElement | null;

  constructor(p: FormProps) {
    super(p);
    const a = p.config.availability;
    this.state = {
      values: {},
      errors: {},
      message: p.pending ? OFFLINE : '',
      notice: a.state === 'waitlist' ? a.message : '',
    };
  }

  override componentDidMount() {
    // A submission saved by an earlier page load: show that it is on its way, then its outcome.
    const p = this.props.pending;
    if (p) void send(p).then((r) => this.finish(r, {}));
  }

  override componentDidUpdate(_: FormProps, prev: FormState) {
    if (this.state.message && this.state.message !== prev.message) this.el?.focus();
  }

  id = (k: string) => `inlet-${this.props.config.id}-${k}`;

  finish(r: SendResult, v: Values) {
    this.props.onResult(r, v);
    if (r.kind !== 'refused') {
      // Waitlisted leads get the waitlist message alone; an answer without these fields is today's thank-you.
      const a: HandoffAnswer = r.kind === 'ok' && r.data.status !== 'waitlisted' ? (r.data as HandoffAnswer) : {};
      const name = typeof a.handoff?.displayName === 'string' ? a.handoff.displayName : '';
      const by = typeof a.expectedResponseBy === 'string' ? new Date(a.expectedResponseBy) : null;
      return this.setState({
        message:
          r.kind === 'queued'
            ? OFFLINE
            : (r.data.message ?? this.props.config.copy.successMessage ?? 'Thanks! We received your message.'),
        handoff: name ? { displayName: name, bookingUrl: httpsUrl(a.handoff?.bookingUrl) } : undefined,
        expectBy: !name && by && !Number.isNaN(by.getTime()) ? by.toLocaleString() : undefined,
      });
    }
    const errors: Record<string, string> = {};
    const p = r.problem;
    for (const e of p.errors ?? []) if (e.path.startsWith('values.')) errors[e.path.slice(7)] = e.message;
    // A form that filled up between page load and submit: say so and keep what the visitor typed.
    const full = p.availability && (p.availability.message ?? 'This form just filled up. Your message was not sent.');
    this.setState({
      sending: false,
      errors,
      link: p.availability?.url,
      notice: full || (p.errors ? '' : (p.detail ?? 'Something went wrong. Please try again.')),
    });
  }

  submit = (e: Event) => {
    e.preventDefault();
    const { fields, id } = this.props.config;
    const values = this.state.values;
    const errors: Record<string, string> = {};
    for (const f of fields) {
      const err = checkField(f, values[f.key]);
      if (err) errors[f.key] = err;
    }
    const bad = fields.find((f) => errors[f.key]);
    const form = this.el as HTMLFormElement;
    this.setState({ errors, sending: !bad });
    if (bad) return (form.querySelector(`#${this.id(bad.key)}`) as HTMLElement).focus();
    const body = {
      values: toPayload(fields, values),
      ...visitor(),
      honeypot: (form.elements.namedItem('website') as HTMLInputElement).value,
      fillMs: Date.now() - this.rendered,
    };
    void send(enqueue(this.props.api, id, body)).then((r) => this.finish(r, body.values));
  };

  render({ config }: FormProps, { values, errors, message, sending, notice, link, handoff, expectBy }: FormState) {
    const { fields, copy, availability: a } = config;
    const ref = (el: HTMLElement | null) => void (this.el = el);
    const closed = a.state === 'closed' || a.state === 'redirect';
    if (message || closed) {
      return (
        <div class="msg" role="status" tabIndex={-1} ref={ref}>
          <p>{message || a.message || 'This form is not taking requests right now.'}</p>
          {!message && a.reopensAt && <p>Opens again {new Date(a.reopensAt).toLocaleString()}.</p>}
          {!message && a.url && <a href={a.url}>Continue</a>}
          {message && handoff && <p>You'll hear from {handoff.displayName}.</p>}
          {message && handoff?.bookingUrl && (
            <a href={handoff.bookingUrl} target="_blank" rel="noopener">
              Book a time
            </a>
          )}
          {message && expectBy && <p>Expect an answer by {expectBy}.</p>}
        </div>
      );
    }
    return (
      <form ref={ref} onSubmit={this.submit} noValidate>
        {copy.title && <h2>{copy.title}</h2>}
        {notice && (
          <p class="note" role="alert">
            {notice} {link && <a href={link}>Continue</a>}
          </p>
        )}
        {fields.map(
          (f) =>
            f.type !== 'hidden' && (
              <Row
                f={f}
                id={this.id(f.key)}
                value={values[f.key]}
                error={errors[f.key]}
                set={(v) => this.setState({ values: { ...this.state.values, [f.key]: v } })}
              />
            ),
        )}
        <div class="hp" aria-hidden="true">
          <label for={this.id('website')}>Leave empty</label>
          <input id={this.id('website')} name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : (copy.submitLabel ?? 'Send')}
        </button>
      </form>
    );
  }
}

interface RowProps {
  f: Field;
  id: string;
  value: Values[string] | undefined;
  error?: string;
  set(v: Values[string]): void;
}

const INPUT: Partial<Record<Field['type'], string>> = {
  email: 'email',
  phone: 'tel',
  number: 'number',
  checkbox: 'checkbox',
};

function Row({ f, id, value, error, set }: RowProps) {
  const type = f.type;
  const p = {
    id,
    name: f.key,
    required: f.required,
    placeholder: f.placeholder,
    'aria-invalid': !!error,
    'aria-describedby': [error && `${id}-e`, f.helpText && `${id}-h`].filter(Boolean).join(' ') || undefined,
    value: value == null ? '' : String(value),
    onInput: (e: Event) => {
      const t = e.currentTarget as HTMLInputElement;
      set(type === 'checkbox' ? t.checked : type === 'number' ? (t.value ? +t.value : null) : t.value);
    },
  };
  const control =
    type === 'textarea' ? (
      <textarea {...p} />
    ) : type === 'select' ? (
      <select {...p}>
        <option value="">Choose…</option>
        {f.options!.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    ) : (
      <input
        {...p}
        type={(INPUT[type] ?? 'text') as 'text'}
        autoComplete={type === 'phone' ? 'tel' : type === 'email' ? type : undefined}
        checked={value === true}
      />
    );
  const label = (
    <label for={id}>
      {type === 'checkbox' && control}
      {f.label}
      {f.required && (
        <span class="req" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </label>
  );
  return (
    <div class="f">
      {label}
      {type !== 'checkbox' && control}
      {f.helpText && (
        <div class="help" id={`${id}-h`}>
          {f.helpText}
        </div>
      )}
      {error && (
        <div class="err" id={`${id}-e`}>
          {error}
        </div>
      )}
    </div>
  );
}
