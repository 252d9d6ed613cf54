// Makes a message's HTML safe to show: DOMPurify removes scripts, event handlers, forms, frames and
// objects; our hooks strip every remote reference (src, srcset, background, CSS url()) while remote
// images are blocked, so nothing is even requested, and make links open outside the app.
// The result is then shown in a sandboxed iframe with its own CSP (see email-frame.ts): two walls.
import DOMPurify from 'dompurify';
import { breakLongRuns, LONG_RUN } from './long-content.js';

export interface SanitizeOptions {
  allowRemoteImages: boolean;
  /** Content-ID (without <>) → data: URL of inline attachments, to show embedded images. */
  cidMap?: Readonly<Record<string, string>>;
}

export interface SanitizedEmail {
  /** Sanitized <style> elements of the message head. */
  styles: string;
  /** Sanitized inner HTML of the message body. */
  body: string;
  /** Sanitized style/bgcolor of the message <body>, kept on ours. */
  bodyAttributes: { style?: string; bgcolor?: string };
  /** Remote references found (images, backgrounds, CSS url()). */
  remoteCount: number;
  /** Remote references removed because remote images are blocked. */
  blockedCount: number;
}

const FORBID_TAGS = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'output', 'meta', 'link', 'base', 'template',
  'audio', 'video', 'source', 'track', 'dialog',
];
const FORBID_ATTR = ['srcdoc', 'action', 'formaction', 'ping', 'autofocus', 'http-equiv'];
const URL_ATTRS = ['src', 'background', 'poster', 'lowsrc', 'dynsrc'];

type UrlKind = 'data' | 'cid' | 'remote' | 'other';

function classify(url: string): UrlKind {
  const u = url.trim().toLowerCase();
  if (u.startsWith('data:')) return 'data';
  if (u.startsWith('cid:')) return 'cid';
  if (u.startsWith('http:') || u.startsWith('https:') || u.startsWith('//')) return 'remote';
  // Relative URLs would resolve against the app's own origin: never useful in a mail, never loaded.
  return 'other';
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
/** image-set("https://…" 1x) loads images without url(). */
const CSS_IMAGE_SET = /(?:-webkit-)?image-set\((?:[^()]|\([^()]*\))*\)/gi;

export function sanitizeEmailHtml(html: string, opts: SanitizeOptions): SanitizedEmail {
  // A fresh instance per call keeps the hooks' counters local to this message.
  const purify = DOMPurify(window);
  let remoteCount = 0;
  let blockedCount = 0;
  const cidMap = opts.cidMap ?? {};

  /** Rewrites CSS url(): remote ones go when blocked, anything that is not remote/data/cid always goes. */
  const cleanCss = (css: string): string =>
    css
      .replace(CSS_IMPORT, '')
      .replace(CSS_IMAGE_SET, (whole) => {
        if (!/["'(]\s*(?:https?:)?\/\//i.test(whole)) return whole;
        remoteCount++;
        if (opts.allowRemoteImages) return whole;
        blockedCount++;
        return 'none';
      })
      .replace(CSS_URL, (whole, _q: string, url: string) => {
        const kind = classify(url);
        if (kind === 'data') return whole;
        if (kind === 'cid') {
          const data = cidMap[url.trim().slice(4)];
          return data ? `url("${data}")` : 'none';
        }
        if (kind === 'remote') {
          remoteCount++;
          if (opts.allowRemoteImages) return whole;
          blockedCount++;
        }
        return 'none';
      });

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent);
    // Long unbroken runs of text get break opportunities (long-content.ts); never inside CSS.
    else if (data.tagName === '#text' && node.nodeValue && node.nodeValue.length > LONG_RUN && node.parentNode?.nodeName !== 'STYLE') {
      node.nodeValue = breakLongRuns(node.nodeValue);
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node;
    if (typeof el.getAttribute !== 'function') return;
    for (const attr of URL_ATTRS) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const kind = classify(value);
      if (kind === 'data') continue;
      if (kind === 'cid') {
        const data = cidMap[value.trim().slice(4)];
        if (data) el.setAttribute(attr, data);
        continue;
      }
      if (kind === 'remote') {
        remoteCount++;
        if (opts.allowRemoteImages) continue;
        blockedCount++;
      }
      el.removeAttribute(attr);
    }
    const srcset = el.getAttribute('srcset');
    if (srcset !== null) {
      const remote = srcset.split(',').some((part) => classify(part.trim()) !== 'data');
      if (remote) {
        remoteCount++;
        if (!opts.allowRemoteImages) {
          blockedCount++;
          el.removeAttribute('srcset');
        }
      }
    }
    const style = el.getAttribute('style');
    if (style !== null && /url\(|image-set\(/i.test(style)) el.setAttribute('style', cleanCss(style));
    if (el.tagName === 'A' || el.tagName === 'AREA') {
      const href = el.getAttribute('href');
      if (href !== null && !href.startsWith('#')) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });

  const root: Element = purify.sanitize(html, {
    USE_PROFILES: { html: true },
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS,
    FORBID_ATTR,
    ADD_ATTR: ['target'],
    ALLOW_UNKNOWN_PROTOCOLS: false,
  }) as unknown as Element;

  flattenDeepNesting(root);
  const styles = Array.from(root.querySelectorAll('head style'))
    .map((s) => `<style>${s.textContent ?? ''}</style>`)
    .join('\n');
  const body = root.querySelector('body');
  const bodyAttributes: SanitizedEmail['bodyAttributes'] = {};
  const bodyStyle = body?.getAttribute('style');
  const bgcolor = body?.getAttribute('bgcolor');
  if (bodyStyle) bodyAttributes.style = bodyStyle;
  if (bgcolor) bodyAttributes.bgcolor = bgcolor;
  return { styles, body: body?.innerHTML ?? '', bodyAttributes, remoteCount, blockedCount };
}

/** Deeper than this, elements are replaced by their text: thousands of nested tables cost seconds of layout. */
const MAX_DEPTH = 64;

function flattenDeepNesting(root: Element): void {
  const stack: Array<{ el: Element; depth: number }> = [{ el: root, depth: 0 }];
  while (stack.length > 0) {
    const { el, depth } = stack.pop()!;
    for (const child of Array.from(el.children)) {
      if (depth + 1 >= MAX_DEPTH) {
        const flat = child.ownerDocument.createElement('div');
        flat.textContent = breakLongRuns(child.textContent ?? '');
        child.replaceWith(flat);
      } else stack.push({ el: child, depth: depth + 1 });
    }
  }
}
