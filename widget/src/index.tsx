/**
 * The embed: `<script async src="{api}/widget.js" data-form="frm_…" data-target="#where"></script>`.
 * Without data-form it only records touchpoints. Nothing here may throw into the host page.
 * A site can call `Inlet('on', 'submit', fn)` before the script loads with the queue stub:
 *   window.Inlet = window.Inlet || function () { (Inlet.q = Inlet.q || []).push(arguments) }
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime, widget/vite.config.ts)
import { h, render } from 'preact';
import type { PublicForm } from '../../api/src/contracts/public';
import { LeadForm } from './form';
import { flush, pendingFor, type Pending, type SendResult } from './outbox';
import { setMode, setSiteConsent, startConsent } from './consent';
import { CSS, themeStyle } from './styles';
import { consentChanged, recordPageView, trackNavigation, visitor } from './touchpoints';
import type { Values } from './validate';

type Listener = (data: unknown) => void;
// biome-ignore lint/suspicious/noExplicitAny: commands come from the host page's queue, typed per command below
type Command = (...args: any[]) => void;
interface InletGlobal {
  (command: string, ...args: unknown[]): void;
  q?: IArguments[] | unknown[][];
  loaded?: boolean;
}

const w = window as unknown as { Inlet?: InletGlobal };
const warn = (...a: unknown[]) => console.warn('[inlet]', ...a);
const listeners: Record<string, Listener[]> = {};
const mounted = new Set<string>();

function emit(event: string, data: unknown) {
  for (const fn of listeners[event] ?? []) {
    try {
      fn(data);
    } catch (e) {
      warn(e);
    }
  }
}

function reportResult(formId: string, r: SendResult, values: Values) {
  if (r.kind === 'ok') emit('submit', { formId, ...r.data, values });
  else if (r.kind === 'queued') emit('queued', { formId });
  else emit('error', { formId, status: r.status, problem: r.problem });
}

async function mount(api: string, formId: string, target: Element | null, script: HTMLScriptElement | null) {
  if (mounted.has(formId)) return;
  mounted.add(formId);
  // Taken now, before the page-load flush can send and forget it: the form then shows its outcome.
  const pending = pendingFor(formId);
  // The last touch lets the API count this view by source (and keep it when the form is full).
  // The visitor id makes a view count once per visitor and day, however often the page reloads.
  // Both only as far as consent allows (visitor() says; under `required` before consent: neither).
  const v = visitor();
  const touch = v.touchpoints.at(-1);
  const q = new URLSearchParams();
  if (v.visitorId) q.set('v', v.visitorId);
  if (touch) {
    q.set('u', touch.url);
    q.set('r', touch.referrer);
  }
  const res = await fetch(`${api}/v1/public/forms/${encodeURIComponent(formId)}?${q}`);
  if (!res.ok) throw new Error(`form ${formId}: ${res.status}`);
  const config = (await res.json()) as PublicForm;
  // The form's own setting can only make the page's stricter.
  setMode(config.consent);
  const host = target ?? document.createElement('div');
  if (!target)
    script?.parentNode ? script.parentNode.insertBefore(host, script.nextSibling) : document.body.appendChild(host);
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  if (script?.nonce) style.nonce = script.nonce;
  style.textContent = CSS;
  const box = document.createElement('div');
  box.className = 'w';
  box.setAttribute('style', themeStyle(config.theme));
  shadow.replaceChildren(style, box);
  render(<LeadForm config={config} api={api} pending={pending} onResult={(r, v) => reportResult(formId, r, v)} />, box);
  emit('ready', { formId, availability: config.availability });
}

function start() {
  const script = document.currentScript as HTMLScriptElement | null;
  const api = script?.dataset.api || (script?.src ? new URL(script.src).origin : location.origin);
  const safeMount = (formId: string, target: Element | null) =>
    mount(api, formId, target, script).catch((e) => {
      mounted.delete(formId);
      warn(e);
      emit('error', { formId, error: String(e) });
    });
  const formId = script?.dataset.form;
  const targetSel = script?.dataset.target;

  // A second script tag on the same page only mounts its form; tracking runs once.
  if (w.Inlet?.loaded) {
    if (formId) w.Inlet('render', { form: formId, target: targetSel });
    return;
  }
  const commands: Record<string, Command> = {
    on: (event: string, fn: Listener) => void (listeners[event] ??= []).push(fn),
    render: (o: { form: string; target?: string | Element }) =>
      void safeMount(o.form, typeof o.target === 'string' ? document.querySelector(o.target) : (o.target ?? null)),
    track: () => recordPageView(location.href, ''),
    consent: (value: boolean) => setSiteConsent(value),
  };
  const queued = w.Inlet?.q ?? [];
  const Inlet: InletGlobal = (command, ...args) => {
    try {
      const fn = commands[command];
      if (fn) fn(...args);
      else warn(`unknown command ${command}`);
    } catch (e) {
      warn(e);
    }
  };
  Inlet.loaded = true;
  w.Inlet = Inlet;
  // Consent first: a queued Inlet('consent', …) is a decision taken before this page's view.
  startConsent(script?.dataset.consent, consentChanged);
  for (const args of queued)
    if ((args as ArrayLike<unknown>)[0] === 'consent') Inlet('consent', (args as ArrayLike<unknown>)[1]);
  // This page's view first: a queued `render` then sends it as the last touch.
  recordPageView(location.href, document.referrer);
  trackNavigation((url, previous) => recordPageView(url, previous));
  for (const args of queued)
    if ((args as ArrayLike<unknown>)[0] !== 'consent')
      Inlet(...(Array.from(args as ArrayLike<unknown>) as [string, ...unknown[]]));
  if (formId) void safeMount(formId, targetSel ? document.querySelector(targetSel) : null);
  // Submissions saved by earlier pages go out now (and whenever the browser is back online);
  // a form mounted on this page sends its own.
  const retry = () => flush((p: Pending, r) => !mounted.has(p.formId) && reportResult(p.formId, r, {}));
  retry();
  addEventListener('online', retry);
}

try {
  start();
} catch (e) {
  warn(e);
}
