import type { StoredEmail } from './mailbox';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f1f5f9;color:#0f172a}main{max-width:860px;margin:0 auto;padding:16px}
a{color:#15803d}.card{background:#fff;border-radius:12px;padding:14px;margin:12px 0;box-shadow:0 1px 3px #0002}
li{list-style:none;border-bottom:1px solid #e2e8f0;padding:10px 0}ul{padding:0;margin:0}.muted{color:#64748b;font-size:.85rem}
iframe{width:100%;height:560px;border:1px solid #e2e8f0;border-radius:8px;background:#fff}pre{white-space:pre-wrap;font-size:.9rem}`;

const page = (title: string, body: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script}</body></html>`;

const when = (iso: string) => new Date(iso).toLocaleString('en-KE', { timeZone: 'Africa/Nairobi', dateStyle: 'medium', timeStyle: 'short' });

/** The inbox; it reloads itself when a new message arrives. */
export function inboxPage(messages: StoredEmail[]): string {
  const rows = messages.length
    ? messages.map((m) => `<li data-testid="mail-row"><a href="/messages/${m.id}"><strong>${esc(m.subject || '(no subject)')}</strong></a><br>
<span class="muted">${esc(m.fromName ? `${m.fromName} <${m.from}>` : m.from)} → ${esc(m.to.join(', '))} · ${when(m.receivedAt)}${m.attachments.length ? ` · ${m.attachments.length} attachment(s)` : ''}</span></li>`).join('')
    : '<li class="muted">No email yet. Everything Haven sends while running locally lands here.</li>';
  const script = `<script>const n=${messages.length};setInterval(async()=>{try{const r=await fetch('/api/messages');const l=await r.json();if(l.length!==n)location.reload()}catch(e){}},2000)</script>`;
  return page('Local mailbox', `<h1>Local mailbox</h1><p class="muted">Haven's email while it runs locally (nothing leaves this machine).</p><ul class="card" data-testid="mail-list">${rows}</ul>`, script);
}

export function messagePage(m: StoredEmail): string {
  const attachments = m.attachments
    .map((a, i) => `<li><a href="/messages/${m.id}/attachments/${i}">${esc(a.filename)}</a> <span class="muted">${esc(a.contentType)} · ${Math.ceil(a.size / 1024)} KB${a.cid ? ' · inline' : ''}</span></li>`)
    .join('');
  return page(m.subject, `<p><a href="/">← Inbox</a></p><h1 data-testid="mail-subject">${esc(m.subject || '(no subject)')}</h1>
<p class="muted">From ${esc(m.fromName ? `${m.fromName} <${m.from}>` : m.from)} to ${esc(m.to.join(', '))}, ${when(m.receivedAt)}</p>
${m.html ? `<section class="card"><h2>HTML</h2><iframe sandbox title="HTML part" src="/messages/${m.id}/html"></iframe></section>` : ''}
<section class="card"><h2>Text</h2><pre data-testid="mail-text">${esc(m.text)}</pre></section>
${attachments ? `<section class="card"><h2>Attachments</h2><ul>${attachments}</ul></section>` : ''}`);
}
