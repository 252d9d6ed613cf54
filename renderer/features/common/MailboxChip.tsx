// The coloured label that tells which mailbox a message came from.
import type { Mailbox } from '../../../shared/types.js';

export function MailboxChip({ mailbox }: { mailbox: Pick<Mailbox, 'color' | 'name'> }) {
  return (
    <span className="mailbox-chip" style={{ borderColor: mailbox.color }} title={mailbox.name}>
      <span className="color-dot" style={{ backgroundColor: mailbox.color }} aria-hidden="true" />
      <span className="mailbox-chip-name">{mailbox.name}</span>
    </span>
  );
}
