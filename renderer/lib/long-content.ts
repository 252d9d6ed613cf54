// What keeps the reader responsive on hostile or just unusual mail. Laying out one unbroken run of hundreds of
// kilobytes costs Chromium seconds to minutes (worse with `overflow-wrap: anywhere`), and megabytes of HTML or
// thousands of attachments cost as much to build: long runs get break opportunities, and what is rendered at
// first is capped, the rest one click away ("show the whole message").
import { BODY_LIMIT_CHARS } from '../../shared/body-cut.js';

/** Characters of body (HTML source or text) rendered before "show the whole message": what the core sends. */
export const BODY_CAP_CHARS = BODY_LIMIT_CHARS;
/** Attachments listed before "show all". */
export const ATTACHMENT_CAP = 100;
/** A run of non-space characters longer than this gets a zero-width break opportunity every so often. */
export const LONG_RUN = 80;

const RUN = new RegExp(`[^\\s\\u200b]{${LONG_RUN}}(?=[^\\s\\u200b])`, 'gu');

/** Inserts U+200B (a break opportunity, invisible) inside runs longer than LONG_RUN: linear, no layout cost. */
export function breakLongRuns(text: string): string {
  if (text.length <= LONG_RUN) return text;
  return text.replace(RUN, '$&\u200b');
}

/** The first `cap` characters, and whether anything was left out (never splits a surrogate pair). */
export function capText(text: string, cap = BODY_CAP_CHARS): { shown: string; truncated: boolean } {
  if (text.length <= cap) return { shown: text, truncated: false };
  let end = cap;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { shown: text.slice(0, end), truncated: true };
}

/** Deeper than this (by a textual count of open tags), tags are dropped and only their text is kept. */
const MAX_TAG_DEPTH = 256;
const TAG = /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Chromium's HTML parser alone takes seconds on thousands of nested tables (it clamps the tree at 512 levels,
 * after the work): before any parsing, tags nested deeper than MAX_TAG_DEPTH are removed, their text kept.
 * A linear textual pass; unclosed tags (<p>, <td>) only make it keep fewer tags in very long mail.
 */
export function limitNesting(html: string, max = MAX_TAG_DEPTH): string {
  let depth = 0;
  let deepest = 0;
  const out = html.replace(TAG, (tag, close: string, name: string, selfClose: string) => {
    const isVoid = VOID.has(name.toLowerCase()) || selfClose === '/';
    if (close) {
      const drop = depth > max;
      depth = Math.max(0, depth - 1);
      return drop ? '' : tag;
    }
    if (isVoid) return depth >= max ? '' : tag;
    depth++;
    deepest = Math.max(deepest, depth);
    return depth > max ? '' : tag;
  });
  return deepest > max ? out : html;
}
