/** Styles live inside the shadow root: the host page's CSS cannot reach in, ours cannot leak out. */
export const CSS = `
:host{all:initial;display:block;font:15px/1.45 var(--f,system-ui,sans-serif);color:var(--t,#1b1f24)}
form,.msg{background:var(--b,#fff);border:1px solid #d7dbe0;border-radius:var(--r,10px);padding:20px;max-width:520px;box-sizing:border-box}
h2{font-size:19px;margin:0 0 14px}
.f{margin:0 0 14px}
label{display:block;font-weight:600;margin:0 0 5px}
.req{color:#b42318}
input,select,textarea{box-sizing:border-box;width:100%;font:inherit;color:inherit;padding:9px 11px;border:1px solid #aab1ba;border-radius:calc(var(--r,10px)*.6);background:#fff}
input[type=checkbox]{width:auto;margin-right:8px}
textarea{min-height:90px;resize:vertical}
input:focus,select:focus,textarea:focus,button:focus{outline:3px solid color-mix(in srgb,var(--p,#2456d3) 45%,transparent);outline-offset:1px}
[aria-invalid=true]{border-color:#b42318}
.err{color:#b42318;font-size:13px;margin-top:4px}
.help{color:#57606a;font-size:13px;margin-top:4px}
button{font:inherit;font-weight:600;color:#fff;background:var(--p,#2456d3);border:0;border-radius:calc(var(--r,10px)*.6);padding:10px 18px;cursor:pointer}
button[disabled]{opacity:.6;cursor:progress}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.note{margin:0 0 14px;padding:10px 12px;border-radius:6px;background:#fff8e6;border:1px solid #f0d58c}
.msg:focus{outline:none}
`;
