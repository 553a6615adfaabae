import { linkifySms } from './apis/africastalking';
import type { Sandbox } from './context';
import { htmlReply, jsonReply, type Reply } from './http';
import { answerStk, openPromptFor } from './stk/engine';
import { smsAmount } from './world/sms';
import type { Subscriber } from './world/types';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#e8efe8;color:#1b1b1b}
main{max-width:420px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:14px;padding:14px;margin:12px 0;box-shadow:0 1px 3px #0002}
.prompt{border:2px solid #3aa935}
h1{font-size:1.2rem;margin:4px 0}h2{font-size:1rem;margin:0 0 8px}
input{font-size:1.4rem;width:8ch;letter-spacing:.3em;padding:6px}
button{font-size:1rem;padding:8px 14px;margin:6px 6px 0 0;border-radius:8px;border:1px solid #999}
.send{background:#3aa935;color:#fff;border-color:#3aa935}
.sms{border-bottom:1px solid #eee;padding:8px 0;font-size:.92rem}.muted{color:#666;font-size:.85rem}
a{color:#176b14}`;

function page(title: string, body: string, script = ''): Reply {
  return htmlReply(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script}</body></html>`,
  );
}

export function phoneListPage(sandbox: Sandbox): Reply {
  const rows = [...sandbox.world.subscribers.values()]
    .map((s) => {
      const open = openPromptFor(sandbox, s.msisdn) ? ' · <strong>prompt waiting</strong>' : '';
      return `<li class="sms"><a href="/phone/${s.msisdn}" data-testid="phone-link-${s.msisdn}">${esc(s.name)}</a> <span class="muted">${s.msisdn} · ${s.behaviour}${open}</span></li>`;
    })
    .join('');
  return page('Virtual phones', `<h1>Virtual M-Pesa phones</h1><ul style="list-style:none;padding:0" class="card">${rows}</ul>`);
}

/** Reloads when the phone's state changes, but never while someone is typing a PIN. */
const refreshScript = (msisdn: string, signature: string): string => `<script>
const sig=${JSON.stringify(signature)};
setInterval(async()=>{const pin=document.querySelector('input[name=pin]');if(pin&&pin.value)return;
try{const r=await fetch('/phone/${msisdn}/signature');const s=await r.json();if(s.signature!==sig)location.reload();}catch(e){}},1000);
</script>`;

export function phonePage(sandbox: Sandbox, msisdn: string): Reply {
  const s = sandbox.world.subscribers.get(msisdn);
  if (!s) return { ...page('Unknown phone', `<h1>No subscriber ${esc(msisdn)}</h1><p><a href="/phone">All phones</a></p>`), status: 404 };
  const prompt = openPromptFor(sandbox, msisdn);
  const promptHtml = prompt
    ? `<section class="card prompt" data-testid="prompt"><h2>M-PESA</h2><p data-testid="prompt-text">${esc(prompt.promptText ?? '')}</p>
<form method="post" action="/phone/${msisdn}/answer"><input type="hidden" name="checkoutRequestId" value="${esc(prompt.checkoutRequestId)}">
<label>Enter M-PESA PIN<br><input name="pin" type="password" inputmode="numeric" autocomplete="off" data-testid="pin-input" aria-label="Enter M-PESA PIN"></label><br>
<button class="send" type="submit" name="action" value="send" data-testid="send-button">Send</button>
<button type="submit" name="action" value="cancel" data-testid="cancel-button">Cancel</button></form></section>`
    : `<section class="card muted" data-testid="no-prompt">No M-PESA prompt.</section>`;
  const sms = s.sms.length
    ? s.sms.map((m) => `<div class="sms" data-testid="sms"><strong>${esc(m.from)}</strong><br>${linkifySms(esc(m.text))}</div>`).join('')
    : '<p class="muted">No messages.</p>';
  const body = `<p><a href="/phone">← All phones</a></p><h1>${esc(s.name)}</h1><p class="muted">${s.msisdn} · ${s.behaviour}</p>
<section class="card"><h2>M-PESA balance</h2><p data-testid="balance">${smsAmount(s.balanceCents)}</p></section>
${promptHtml}<section class="card"><h2>Messages</h2><div data-testid="inbox">${sms}</div></section>`;
  return page(`${s.name} – virtual phone`, body, refreshScript(msisdn, signatureOf(sandbox, s)));
}

/** What the page shows, in one string: the page reloads when it changes. Not part of the (token-guarded) control API. */
function signatureOf(sandbox: Sandbox, s: Subscriber): string {
  const prompt = openPromptFor(sandbox, s.msisdn);
  return `${prompt ? prompt.checkoutRequestId : '-'}|${s.sms.length}|${s.balanceCents}`;
}

export function phoneSignature(sandbox: Sandbox, msisdn: string): Reply {
  const s = sandbox.world.subscribers.get(msisdn);
  return s ? jsonReply(200, { signature: signatureOf(sandbox, s) }) : jsonReply(404, { error: 'subscriber not found' });
}

export async function phoneAnswer(sandbox: Sandbox, msisdn: string, rawForm: string): Promise<Reply> {
  const form = new URLSearchParams(rawForm);
  const prompt = openPromptFor(sandbox, msisdn);
  if (prompt && prompt.checkoutRequestId === form.get('checkoutRequestId')) {
    await answerStk(sandbox, prompt, form.get('action') === 'cancel' ? { cancel: true } : { pin: form.get('pin') ?? '' });
  }
  // Post/redirect/get, so a browser reload never answers a prompt twice.
  return { status: 303, body: '', contentType: 'text/plain', headers: { location: `/phone/${msisdn}` } };
}
