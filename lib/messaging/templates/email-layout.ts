/**
 * One plain, robust HTML email layout (tables and inline styles: what mail clients render alike) and its text twin.
 * Everything interpolated is escaped.
 */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface EmailContent {
  agencyName: string;
  heading: string;
  paragraphs: string[];
  rows?: [string, string][];
  button?: { label: string; url: string };
  /** An inline image (by cid) shown after the rows, e.g. a receipt's QR code. */
  image?: { cid: string; alt: string; caption: string };
  footer?: string;
}

export function renderEmail(c: EmailContent): { html: string; text: string } {
  const rows = c.rows?.length
    ? `<table role="presentation" cellpadding="6" cellspacing="0" style="width:100%;border-collapse:collapse;margin:12px 0">${c.rows
        .map(([k, v]) => `<tr><td style="color:#64748b;border-bottom:1px solid #e2e8f0;width:40%">${esc(k)}</td><td style="border-bottom:1px solid #e2e8f0;font-weight:600">${esc(v)}</td></tr>`)
        .join('')}</table>`
    : '';
  const button = c.button
    ? `<p style="margin:18px 0"><a href="${esc(c.button.url)}" style="background:#15803d;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none;font-weight:600">${esc(c.button.label)}</a></p>`
    : '';
  const image = c.image
    ? `<p style="margin:12px 0"><img src="cid:${esc(c.image.cid)}" alt="${esc(c.image.alt)}" width="140" height="140" style="display:block"><span style="color:#64748b;font-size:12px">${esc(c.image.caption)}</span></p>`
    : '';
  const html = `<!doctype html><html><body style="margin:0;background:#f1f5f9;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:12px;padding:20px">
<tr><td><p style="color:#15803d;font-weight:700;margin:0 0 8px">${esc(c.agencyName)}</p><h1 style="font-size:20px;margin:0 0 12px">${esc(c.heading)}</h1>
${c.paragraphs.map((p) => `<p style="margin:8px 0;line-height:1.5">${esc(p)}</p>`).join('')}${rows}${image}${button}
<p style="color:#64748b;font-size:12px;margin-top:20px">${esc(c.footer ?? `Sent by ${c.agencyName} through Haven.`)}</p></td></tr></table></td></tr></table></body></html>`;
  const text = [
    c.agencyName,
    '',
    c.heading,
    '',
    ...c.paragraphs,
    ...(c.rows?.length ? ['', ...c.rows.map(([k, v]) => `${k}: ${v}`)] : []),
    ...(c.image ? ['', c.image.caption] : []),
    ...(c.button ? ['', `${c.button.label}: ${c.button.url}`] : []),
    '',
    c.footer ?? `Sent by ${c.agencyName} through Haven.`,
  ].join('\n');
  return { html, text };
}
