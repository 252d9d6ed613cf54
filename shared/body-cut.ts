// A bounded message body for the reader (issue 10): getMessage sends at most BODY_LIMIT_CHARS of text and of
// HTML, so a 5 MB message costs the wire, JSON and the renderer no more than a normal one; getMessageBody
// gives the whole on demand. Cuts are clean: never inside a surrogate pair, an HTML tag, comment or entity.

/** Characters of text and of HTML that getMessage sends; the renderer renders as much at first. */
export const BODY_LIMIT_CHARS = 300_000;

/** Moves `end` back so the cut does not split a surrogate pair. */
function pairSafe(s: string, end: number): number {
  const code = s.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/** The first `max` characters of plain text, and whether anything was left out. */
export function cutText(text: string, max = BODY_LIMIT_CHARS): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  return { text: text.slice(0, pairSafe(text, max)), cut: true };
}

/**
 * The last position ≤ `limit` that lies in text (outside any tag, quoted attribute, comment or declaration):
 * one linear scan of the kept part, the same states an HTML tokenizer uses for where markup starts and ends.
 */
function lastTextPosition(html: string, limit: number): number {
  let i = 0;
  while (i < limit) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt >= limit) return limit;
    let close: number;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      close = end < 0 ? -1 : end + 3;
    } else if (/[a-zA-Z/!?]/.test(html.charAt(lt + 1))) {
      close = tagEnd(html, lt + 1);
    } else {
      close = lt + 1; // a lone "<" is text
    }
    if (close < 0 || close > limit) return lt;
    i = close;
  }
  return Math.min(i, limit);
}

/** Index just after the ">" ending a tag opened before `from`, skipping quoted attribute values; -1 if none. */
function tagEnd(html: string, from: number): number {
  let quote = '';
  let afterEquals = false; // as in HTML, a quote opens a value only right after "=" (spaces allowed)
  for (let j = from; j < html.length; j++) {
    const c = html.charAt(j);
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && afterEquals) {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
    if (c === '=') afterEquals = true;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') afterEquals = false;
  }
  return -1;
}

/** The first `max` characters of HTML or less, cut in text and not inside an entity (&amp;…). */
export function cutHtml(html: string, max = BODY_LIMIT_CHARS): { html: string; cut: boolean } {
  if (html.length <= max) return { html, cut: false };
  let end = lastTextPosition(html, pairSafe(html, max));
  const entity = /&#?[a-zA-Z0-9]{0,32}$/.exec(html.slice(Math.max(0, end - 34), end));
  if (entity) end -= entity[0].length;
  return { html: html.slice(0, pairSafe(html, end)), cut: true };
}
