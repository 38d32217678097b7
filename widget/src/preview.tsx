/**
 * The widget as the dashboard's form builder previews it: the real form component and styles, fed a
 * draft configuration instead of a form id. It calls no endpoint and counts no view: submitting
 * checks the fields like the live form, then shows the thank-you message.
 */
import { h, render } from 'preact';
import type { PublicForm } from '../../api/src/contracts/public';
import { LeadForm, type FormProps } from './form';
import { CSS, themeStyle } from './styles';
import { checkField } from './validate';

class PreviewForm extends LeadForm {
  override componentDidMount() {}

  override submit = (e: Event) => {
    e.preventDefault();
    const values = this.state.values;
    const errors: Record<string, string> = {};
    for (const f of this.props.config.fields) {
      const err = checkField(f, values[f.key]);
      if (err) errors[f.key] = err;
    }
    if (Object.keys(errors).length > 0) return this.setState({ errors });
    this.setState({ message: this.props.config.copy.successMessage ?? 'Thanks! We received your message.' });
  };
}

export type PreviewConfig = Omit<PublicForm, 'id' | 'availability'> & Partial<Pick<PublicForm, 'availability'>>;

/** Renders (or re-renders) the preview of `config` into `host`'s shadow root. */
export function renderPreview(host: HTMLElement, config: PreviewConfig) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (!shadow.firstChild) {
    const style = document.createElement('style');
    style.textContent = CSS;
    const box = document.createElement('div');
    box.className = 'w';
    shadow.replaceChildren(style, box);
  }
  const box = shadow.lastChild as HTMLElement;
  box.setAttribute('style', themeStyle(config.theme));
  const full: PublicForm = { id: 'preview', availability: { state: 'open' }, ...config };
  const props: FormProps = { config: full, api: '', onResult: () => undefined };
  render(h(PreviewForm, props), box);
}

/** Starts the preview again (after the thank-you message, or when the fields change shape). */
export function resetPreview(host: HTMLElement) {
  const box = host.shadowRoot?.lastChild as HTMLElement | undefined;
  if (box) render(null, box);
}
