import { describe, expect, it } from 'vitest';
import { buildSrcdoc, emailSrcdoc, frameCsp, FRAME_SANDBOX } from '../../renderer/lib/email-frame.js';
import { sanitizeEmailHtml } from '../../renderer/lib/sanitize-html.js';

const blocked = { allowRemoteImages: false };
const allowed = { allowRemoteImages: true };

/** Parses the sanitized body so assertions look at elements, not at string fragments. */
function body(html: string, opts = blocked, cidMap?: Record<string, string>) {
  const out = sanitizeEmailHtml(html, cidMap ? { ...opts, cidMap } : opts);
  const doc = new DOMParser().parseFromString(`<body>${out.body}</body>`, 'text/html');
  return { out, doc };
}

describe('sanitizeEmailHtml', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const { doc, out } = body(
      '<p onclick="steal()" onmouseover="x()">Bonjour</p><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AA" onerror="boom()">',
    );
    expect(doc.querySelector('script')).toBeNull();
    expect(out.body).not.toMatch(/alert|steal|boom|onclick|onerror|onmouseover|javascript:/i);
    expect(doc.querySelector('p')?.textContent).toBe('Bonjour');
  });

  it('removes forms, frames, objects, embeds, meta refresh and base', () => {
    const { out } = body(
      '<form action="https://evil.example/post"><input name="pw"><button>Go</button></form><iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x.swf"><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">texte',
    );
    expect(out.body).not.toMatch(/<(form|input|button|iframe|object|embed|meta|base)\b/i);
    expect(out.body).toContain('texte');
  });

  it('strips remote image sources, srcset and backgrounds while images are blocked', () => {
    const { doc, out } = body(
      '<img id="a" src="https://tracker.example/p.gif"><img id="b" src="http://x.example/a.png" srcset="http://x.example/a2.png 2x"><table background="https://x.example/bg.png"><tr><td id="c" style="background-image:url(\'https://x.example/c.png\');color:red">x</td></tr></table><img id="d" src="//x.example/proto.png">',
    );
    expect(doc.getElementById('a')?.hasAttribute('src')).toBe(false);
    expect(doc.getElementById('b')?.hasAttribute('src')).toBe(false);
    expect(doc.getElementById('b')?.hasAttribute('srcset')).toBe(false);
    expect(doc.querySelector('table')?.hasAttribute('background')).toBe(false);
    expect(doc.getElementById('c')?.getAttribute('style')).not.toContain('x.example');
    expect(doc.getElementById('c')?.getAttribute('style')).toContain('color:red');
    expect(doc.getElementById('d')?.hasAttribute('src')).toBe(false);
    expect(out.body).not.toContain('x.example');
    expect(out.blockedCount).toBe(6);
    expect(out.remoteCount).toBe(6);
  });

  it('strips image-set() sources, which load without url()', () => {
    const { out } = body('<div style="background-image: image-set(&quot;https://x.example/a.png&quot; 1x, &quot;https://x.example/b.png&quot; 2x)">x</div>');
    expect(out.body).not.toContain('x.example');
    expect(out.blockedCount).toBe(1);
  });

  it('keeps remote images once the user allowed them', () => {
    const { doc, out } = body('<img id="a" src="https://cdn.example/logo.png"><img id="b" src="https://cdn.example/a.png" srcset="https://cdn.example/a2.png 2x">', allowed);
    expect(doc.getElementById('a')?.getAttribute('src')).toBe('https://cdn.example/logo.png');
    expect(doc.getElementById('b')?.getAttribute('srcset')).toBe('https://cdn.example/a2.png 2x');
    expect(out.blockedCount).toBe(0);
    expect(out.remoteCount).toBe(3);
  });

  it('keeps data: images and cid: images, replacing known cids with their data', () => {
    const { doc, out } = body(
      '<img id="d" src="data:image/png;base64,iVBORw0KGgo="><img id="c" src="cid:logo@acme"><img id="u" src="cid:unknown@acme">',
      blocked,
      { 'logo@acme': 'data:image/png;base64,QUJD' },
    );
    expect(doc.getElementById('d')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(doc.getElementById('c')?.getAttribute('src')).toBe('data:image/png;base64,QUJD');
    expect(doc.getElementById('u')?.getAttribute('src')).toBe('cid:unknown@acme');
    expect(out.blockedCount).toBe(0);
  });

  it('never keeps relative URLs, which would hit the app itself', () => {
    const { doc } = body('<img id="r" src="/api/secret"><img id="r2" src="pixel.gif">', allowed);
    expect(doc.getElementById('r')?.hasAttribute('src')).toBe(false);
    expect(doc.getElementById('r2')?.hasAttribute('src')).toBe(false);
  });

  it('opens links outside, without referrer or opener', () => {
    const { doc } = body('<a id="l" href="https://www.example.fr/facture">Facture</a><a id="m" href="mailto:a@b.fr">a@b</a><a id="f" href="#top">haut</a>');
    const l = doc.getElementById('l');
    expect(l?.getAttribute('target')).toBe('_blank');
    expect(l?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(doc.getElementById('m')?.getAttribute('target')).toBe('_blank');
    expect(doc.getElementById('f')?.hasAttribute('target')).toBe(false);
  });

  it('keeps the message styles but removes remote url() and @import from them', () => {
    const { out } = body(
      '<html><head><style>@import url("https://x.example/f.css"); body{background:url(https://x.example/bg.jpg)} .t{color:#123456}</style></head><body style="margin:0" bgcolor="#eeeeee"><p class="t">x</p></body></html>',
    );
    expect(out.styles).toContain('.t{color:#123456}');
    expect(out.styles).not.toContain('x.example');
    expect(out.styles).not.toContain('@import');
    expect(out.bodyAttributes).toEqual({ style: 'margin:0', bgcolor: '#eeeeee' });
  });
});

describe('the reader frame document', () => {
  it('starts with its own CSP that forbids scripts and remote images', () => {
    const { srcdoc } = emailSrcdoc('<p>Bonjour</p><img src="https://t.example/p.gif">', blocked);
    const head = srcdoc.slice(0, srcdoc.indexOf('<meta charset'));
    expect(head).toBe(`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${frameCsp(false)}">`);
    expect(frameCsp(false)).toContain("default-src 'none'");
    expect(frameCsp(false)).toContain('img-src data: cid:;');
    expect(frameCsp(false)).not.toMatch(/https?:/);
    expect(frameCsp(false)).not.toContain('script-src');
    expect(srcdoc).not.toContain('t.example');
  });

  it('allows http(s) images only after the user asked', () => {
    expect(frameCsp(true)).toContain('img-src data: cid: https: http:');
    const { srcdoc, blockedCount } = emailSrcdoc('<img src="https://t.example/p.gif">', allowed);
    expect(blockedCount).toBe(0);
    expect(srcdoc).toContain('https://t.example/p.gif');
  });

  it('is parsed by the browser with the CSP meta as the first head element', () => {
    const mail = sanitizeEmailHtml('<html><head><title>x</title><style>p{color:red}</style></head><body><p>a</p></body></html>', blocked);
    const doc = new DOMParser().parseFromString(buildSrcdoc(mail, false), 'text/html');
    const first = doc.head.firstElementChild;
    expect(first?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(doc.querySelectorAll('meta[http-equiv]').length).toBe(1);
    expect(doc.querySelector('title')).toBeNull();
  });

  it('uses a sandbox without scripts nor same-origin', () => {
    const tokens = FRAME_SANDBOX.split(/\s+/);
    expect(tokens).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
  });
});
