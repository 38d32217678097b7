/**
 * The lead form, rendered with Preact inside the shadow root; keyboard and screen-reader friendly.
 * A class component on purpose: preact/hooks would add ~1 KB gzip to a script every page loads.
 */
import { Component } from 'preact';
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
  phase: 'editing' | 'sending' | 'queued' | 'done';
  notice: string;
  done: string;
}

export class LeadForm extends Component<FormProps, FormState> {
  private rendered = Date.now();
  private el?: HTMLElement | null;

  constructor(props: FormProps) {
    super(props);
    const a = props.config.availability;
    this.state = { values: {}, errors: {}, phase: props.pending ? 'queued' : 'editing', notice: a.state === 'waitlist' ? (a.message ?? '') : '', done: '' };
  }

  override componentDidMount() {
    // A submission saved by an earlier page load: show that it is on its way, then its outcome.
    const p = this.props.pending;
    if (p) void send(p).then((r) => this.finish(r, {}));
  }

  override componentDidUpdate(_: FormProps, prev: FormState) {
    if (prev.phase !== this.state.phase && this.state.phase !== 'editing') this.el?.focus();
  }

  private id = (k: string) => `inlet-${this.props.config.id}-${k}`;

  private finish(r: SendResult, v: Values) {
    this.props.onResult(r, v);
    if (r.kind === 'ok') return this.setState({ phase: 'done', done: r.data.message ?? this.props.config.copy.successMessage ?? 'Thanks! We received your message.' });
    if (r.kind === 'queued') return this.setState({ phase: 'queued' });
    const errors: Record<string, string> = {};
    for (const e of r.problem.errors ?? []) if (e.path.startsWith('values.')) errors[e.path.slice(7)] = e.message;
    const general = Object.keys(errors).length ? '' : (r.problem.detail ?? 'Something went wrong. Please try again.');
    this.setState({ phase: 'editing', errors, notice: r.problem.availability?.message ?? general });
  }

  private submit = (e: Event) => {
    e.preventDefault();
    const { fields, id } = this.props.config;
    const { values } = this.state;
    const errors: Record<string, string> = {};
    for (const f of fields) {
      const err = checkField(f, values[f.key]);
      if (err) errors[f.key] = err;
    }
    this.setState({ errors });
    const bad = fields.find((f) => errors[f.key]);
    const form = this.el as HTMLFormElement;
    if (bad) return (form.querySelector('#' + this.id(bad.key)) as HTMLElement).focus();
    this.setState({ phase: 'sending' });
    const body = {
      values: toPayload(fields, values),
      ...visitor(),
      honeypot: (form.elements.namedItem('website') as HTMLInputElement).value,
      fillMs: Date.now() - this.rendered,
    };
    void send(enqueue(this.props.api, id, body)).then((r) => this.finish(r, body.values));
  };

  render({ config }: FormProps, { values, errors, phase, notice, done }: FormState) {
    const { fields, copy, availability: a } = config;
    const ref = (el: HTMLElement | null) => void (this.el = el);
    if (a.state === 'closed' || a.state === 'redirect' || phase === 'done' || phase === 'queued') {
      const text =
        phase === 'done' ? done
        : phase === 'queued' ? 'You seem to be offline. Your message is saved in this browser and will be sent as soon as the connection is back.'
        : (a.message ?? 'This form is not taking requests right now.');
      return (
        <div class="msg" role="status" tabIndex={-1} ref={ref}>
          <p>{text}</p>
          {phase === 'editing' && a.reopensAt && <p>Opens again {new Date(a.reopensAt).toLocaleString()}.</p>}
          {phase === 'editing' && a.url && <a href={a.url}>Continue</a>}
        </div>
      );
    }
    return (
      <form ref={ref} onSubmit={this.submit} noValidate>
        {copy.title && <h2>{copy.title}</h2>}
        {notice && <p class="note" role="alert">{notice}</p>}
        {fields.map((f) =>
          f.type === 'hidden' ? null : (
            <Row f={f} id={this.id(f.key)} value={values[f.key]} error={errors[f.key]} set={(v) => this.setState({ values: { ...this.state.values, [f.key]: v } })} />
          ),
        )}
        <div class="hp" aria-hidden="true">
          <label for={this.id('website')}>Leave this empty</label>
          <input id={this.id('website')} name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" disabled={phase === 'sending'}>{phase === 'sending' ? 'Sending…' : (copy.submitLabel ?? 'Send')}</button>
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

const INPUT: Partial<Record<Field['type'], 'email' | 'tel' | 'number' | 'checkbox'>> = { email: 'email', phone: 'tel', number: 'number', checkbox: 'checkbox' };

function Row({ f, id, value, error, set }: RowProps) {
  const described = [error && id + '-err', f.helpText && id + '-help'].filter(Boolean).join(' ') || undefined;
  const p = {
    id,
    name: f.key,
    'aria-invalid': !!error,
    'aria-describedby': described,
    'aria-required': f.required,
    placeholder: f.placeholder,
    value: value == null ? '' : String(value),
    onInput: (e: Event) => {
      const t = e.currentTarget as HTMLInputElement;
      set(f.type === 'checkbox' ? t.checked : f.type === 'number' ? (t.value === '' ? null : Number(t.value)) : t.value);
    },
  };
  const control =
    f.type === 'textarea' ? <textarea {...p} />
    : f.type === 'select' ? (
      <select {...p}>
        <option value="">Choose…</option>
        {f.options!.map((o) => <option value={o.value}>{o.label}</option>)}
      </select>
    )
    : <input {...p} type={(INPUT[f.type] ?? 'text') as 'text'} autoComplete={f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : undefined} checked={value === true} />;
  const mark = f.required && <span class="req" aria-hidden="true"> *</span>;
  return (
    <div class="f">
      {f.type === 'checkbox' ? <label for={id}>{control}{f.label}{mark}</label> : <><label for={id}>{f.label}{mark}</label>{control}</>}
      {f.helpText && <div class="help" id={id + '-help'}>{f.helpText}</div>}
      {error && <div class="err" id={id + '-err'}>{error}</div>}
    </div>
  );
}
