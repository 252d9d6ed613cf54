// The document shown in the reader's sandboxed iframe (srcdoc). Its first element is its own CSP: no
// script, no connection, no font or frame; images only from data:/cid: unless the user allowed remote ones.
import { sanitizeEmailHtml } from './sanitize-html.js';
import type { SanitizeOptions, SanitizedEmail } from './sanitize-html.js';

export function frameCsp(allowRemoteImages: boolean): string {
  const img = allowRemoteImages ? "img-src data: cid: https: http:" : 'img-src data: cid:';
  return `default-src 'none'; style-src 'unsafe-inline'; ${img}; form-action 'none'; base-uri 'none'`;
}

/** The iframe's sandbox: no scripts and no same-origin, so the mail cannot touch the app. */
export const FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

// overflow-wrap:break-word, not anywhere: `anywhere` makes every character a candidate for the min-content
// width, which cost Chromium minutes on one 5 MB line; long runs get break opportunities instead (long-content.ts).
const BASE_STYLE =
  'html{color-scheme:light}body{margin:16px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;' +
  'color:#1f2328;background:#fff;overflow-wrap:break-word}img{max-width:100%;height:auto}' +
  'pre{white-space:pre-wrap}table{max-width:100%}a{color:#0b5cad}' +
  // A blocked image keeps its place as a quiet box rather than a broken-image icon.
  'img:not([src]){display:inline-block;min-width:24px;min-height:16px;background:#f0f2f5;outline:1px dashed #c9ced6}';

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function buildSrcdoc(mail: SanitizedEmail, allowRemoteImages: boolean): string {
  const attrs = Object.entries(mail.bodyAttributes)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemoteImages)}">` +
    '<meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<style>${BASE_STYLE}</style>${mail.styles}</head><body${attrs}>${mail.body}</body></html>`
  );
}

/** Sanitizes and wraps in one step: what the reader calls. */
export function emailSrcdoc(html: string, opts: SanitizeOptions): { srcdoc: string; remoteCount: number; blockedCount: number } {
  const mail = sanitizeEmailHtml(html, opts);
  return { srcdoc: buildSrcdoc(mail, opts.allowRemoteImages), remoteCount: mail.remoteCount, blockedCount: mail.blockedCount };
}
