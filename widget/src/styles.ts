/**
 * Styles live inside the shadow root: the host page's CSS cannot reach in, ours cannot leak out.
 * Theme colours arrive as custom properties on the wrapper (see index.tsx).
 */
export const CSS =
  ':host{all:initial;display:block}' +
  '.w{font:15px/1.45 var(--f);color:var(--t)}' +
  'form,.msg{background:var(--b);border:1px solid #d7dbe0;border-radius:var(--r);padding:20px;max-width:520px;box-sizing:border-box}' +
  'h2{font-size:19px;margin:0 0 14px}.f{margin:0 0 14px}' +
  'label{display:block;font-weight:600;margin:0 0 5px}' +
  'input,select,textarea{box-sizing:border-box;width:100%;font:inherit;color:inherit;padding:9px 11px;border:1px solid #aab1ba;border-radius:6px;background:#fff}' +
  'input[type=checkbox]{width:auto;margin-right:8px}textarea{min-height:90px}' +
  ':focus{outline:3px solid color-mix(in srgb,var(--p) 45%,#fff0);outline-offset:1px}.msg:focus{outline:0}' +
  '[aria-invalid=true]{border-color:#b42318}.req,.err{color:#b42318}.err,.help{font-size:13px;margin-top:4px}.help{color:#57606a}' +
  'button{font:inherit;font-weight:600;color:#fff;background:var(--p);border:0;border-radius:6px;padding:10px 18px;cursor:pointer}' +
  'button[disabled]{opacity:.6}.hp{position:absolute;left:-9999px}' +
  '.note{margin:0 0 14px;padding:10px 12px;border-radius:6px;background:#fff8e6}';

/** The wrapper's custom properties from the form's theme (validated by the API: hex colours, a font list). */
export function themeStyle(t: {
  primaryColor?: string;
  textColor?: string;
  backgroundColor?: string;
  borderRadius?: number;
  fontFamily?: string;
}): string {
  return `--p:${t.primaryColor ?? '#2456d3'};--t:${t.textColor ?? '#1b1f24'};--b:${t.backgroundColor ?? '#fff'};--r:${t.borderRadius ?? 10}px;--f:${t.fontFamily ?? 'system-ui,sans-serif'}`;
}
