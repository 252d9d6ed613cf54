// Notification text comes from mail (subjects, sender names): it must show as plain text. On Linux the body
// goes to the desktop's notification server, which reads it as markup (<b>, <a href>, <img src>: a mail
// could make it fetch a remote image or show a fake link), so it is escaped there; everywhere, control and
// bidirectional-override characters (a subject reversing the text around it) are removed and length capped.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const MAX_TITLE = 120;
const MAX_BODY = 400;

function cap(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plainNotification(
  notice: { title: string; body: string },
  platform: NodeJS.Platform = process.platform,
): { title: string; body: string } {
  const title = cap(notice.title.replace(CONTROLS, '').replace(/\n/g, ' '), MAX_TITLE);
  const body = cap(notice.body.replace(CONTROLS, ''), MAX_BODY);
  return { title, body: platform === 'linux' ? escapeMarkup(body) : body };
}
