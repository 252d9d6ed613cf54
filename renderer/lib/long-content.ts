// What keeps the reader responsive on hostile or just unusual mail. Laying out one unbroken run of hundreds of
// kilobytes costs Chromium seconds to minutes (worse with `overflow-wrap: anywhere`), and megabytes of HTML or
// thousands of attachments cost as much to build: long runs get break opportunities, and what is rendered at
// first is capped, the rest one click away ("show the whole message").

/** Characters of body (HTML source or text) rendered before "show the whole message". */
export const BODY_CAP_CHARS = 300_000;
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
