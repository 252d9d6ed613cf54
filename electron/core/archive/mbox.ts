// mboxrd writing (the variant Thunderbird, mutt and Python's `mailbox` read): each message is preceded by a
// "From " separator line and every body line matching /^>*From / gets one more '>' so that it cannot be
// taken for a separator. The message bytes are otherwise exactly the server's (CRLF kept).

const FROM_LINE = /(^|\n)(>*From )/g;

/** asctime()-style date of the separator line, in UTC: "Tue Mar  4 09:05:01 2025". */
export function asctime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] as string;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()] as string;
  const pad = (n: number) => String(n).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, ' ');
  return `${day} ${mon} ${dd} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The envelope sender of the separator: an address without spaces, else MAILER-DAEMON (the convention). */
function envelopeSender(from: string | null): string {
  return from && /^[^\s@]+@[^\s@]+$/.test(from) ? from : 'MAILER-DAEMON';
}

/** One mbox entry: separator line, quoted message, and the blank line that ends it. */
export function mboxEntry(raw: Buffer, from: string | null, dateMs: number): Buffer {
  const head = Buffer.from(`From ${envelopeSender(from)} ${asctime(dateMs)}\n`, 'latin1');
  // latin1 maps bytes 1:1, so the quoting never alters a byte it does not add.
  const quoted = raw.includes('From ') ? Buffer.from(raw.toString('latin1').replace(FROM_LINE, '$1>$2'), 'latin1') : raw;
  const endsWithNewline = quoted.length > 0 && quoted[quoted.length - 1] === 0x0a;
  return Buffer.concat([head, quoted, Buffer.from(endsWithNewline ? '\n' : '\n\n', 'latin1')]);
}
