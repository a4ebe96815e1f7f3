// The one-line embed snippet's loader:
//   <script src="https://support.example.com/embed.js" async></script>
// adds a round launcher button to the page, and a panel holding /widget from the same server
// in an iframe (so the widget's storage, network and styles stay apart from the host page).
// Optional attributes on the script tag: data-label="Chat with us", data-color="#2f5bd3",
// data-position="left" (default right).
(() => {
  'use strict';
  if (window.__switchboardEmbed) return;  // the snippet pasted twice
  window.__switchboardEmbed = true;

  const script = document.currentScript || document.querySelector('script[src*="/embed.js"]');
  const origin = new URL(script ? script.src : '/', location.href).origin;
  const label = (script && script.dataset.label) || 'Chat with us';
  const color = (script && /^#[0-9a-fA-F]{3,8}$/.test(script.dataset.color || '') && script.dataset.color) || '#2f5bd3';
  const side = script && script.dataset.position === 'left' ? 'left' : 'right';

  const css = (e, rules) => Object.assign(e.style, rules);

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  button.dataset.testid = 'switchboard-launcher';
  button.title = label;
  css(button, {
    position: 'fixed', bottom: '20px', [side]: '20px', zIndex: '2147483000',
    width: '56px', height: '56px', borderRadius: '50%', border: '0', cursor: 'pointer',
    background: color, color: '#fff', boxShadow: '0 4px 14px rgba(0,0,0,.25)',
    display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0',
  });
  // A speech bubble, drawn with SVG elements (no markup strings).
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '26');
  svg.setAttribute('height', '26');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  button.append(svg);

  const panel = document.createElement('div');
  panel.dataset.testid = 'switchboard-panel';
  panel.hidden = true;
  const small = window.matchMedia('(max-width: 480px)');
  const place = () => css(panel, small.matches
    ? { inset: '0', width: '100%', height: '100%', borderRadius: '0', bottom: '0' }
    : { inset: 'auto', bottom: '88px', [side]: '20px', width: '380px', height: 'min(600px, calc(100vh - 110px))', borderRadius: '14px' });
  css(panel, {
    position: 'fixed', zIndex: '2147483001', overflow: 'hidden', background: '#fff',
    boxShadow: '0 10px 40px rgba(0,0,0,.3)',
  });
  place();
  small.addEventListener('change', place);

  let frame = null;  // loaded on first open: the host page pays nothing until then
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close chat');
  close.dataset.testid = 'switchboard-close';
  css(close, {
    position: 'absolute', top: '8px', right: '8px', zIndex: '1',  // /widget leaves room for it
    width: '32px', height: '32px', border: '0', borderRadius: '50%', cursor: 'pointer',
    background: 'rgba(0,0,0,.25)', color: '#fff', font: '20px/32px sans-serif', padding: '0',
  });
  close.addEventListener('click', () => toggle(false));
  panel.append(close);

  function toggle(open) {
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.src = `${origin}/widget`;
      frame.title = label;
      frame.dataset.testid = 'switchboard-frame';
      css(frame, { border: '0', width: '100%', height: '100%', display: 'block' });
      panel.append(frame);
    }
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.style.display = open && small.matches ? 'none' : 'flex';  // inline style beats [hidden]
  }
  button.addEventListener('click', () => toggle(panel.hidden));

  const mount = () => document.body.append(panel, button);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
