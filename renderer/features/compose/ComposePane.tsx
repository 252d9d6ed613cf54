// The compose pane: From (the mailbox or one of its aliases), recipients, subject, text, attachments. Every
// keystroke is saved locally (compose-store); "Envoyer" hands the message to the outbox, which sends it after
// the undo delay. For a reply or forward the core adds the quoted original and the signature.
import { useId } from 'react';
import { useStore } from 'zustand';
import type { OutgoingAttachment } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';

function readAsBase64(file: File): Promise<OutgoingAttachment> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error(`cannot read ${file.name}`));
    r.onload = () => {
      const url = typeof r.result === 'string' ? r.result : '';
      resolve({ filename: file.name, content_type: file.type || 'application/octet-stream', data_base64: url.slice(url.indexOf(',') + 1) });
    };
    r.readAsDataURL(file);
  });
}

export function ComposePane() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const draft = useStore(stores.compose, (s) => s.draft);
  const sending = useStore(stores.compose, (s) => s.sending);
  const error = useStore(stores.compose, (s) => s.error);
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  const ids = { from: useId(), to: useId(), cc: useId(), subject: useId(), text: useId(), files: useId() };
  if (!draft) return null;
  const compose = stores.compose.getState();
  const mailbox = mailboxes.find((m) => m.id === draft.mailbox_id) ?? mailboxes[0];
  const isReply = draft.kind === 'reply' || draft.kind === 'reply_all';
  // Every mailbox and alias can send; the value '' keeps the default (the mailbox that received the mail).
  const identities = mailboxes.flatMap((m) => [
    { value: m.email_address, label: `${m.name} <${m.email_address}>`, mailbox: m.id },
    ...m.aliases.map((a) => ({ value: a.address, label: `${a.name || m.name} <${a.address}>`, mailbox: m.id })),
  ]);
  const titleKey = draft.kind === 'new' ? 'compose.titleNew' : draft.kind === 'forward' ? 'compose.titleForward' : draft.kind === 'reply_all' ? 'compose.titleReplyAll' : 'compose.titleReply';

  return (
    <form
      className="reader compose card"
      aria-label={t(titleKey)}
      data-testid="compose"
      data-kind={draft.kind}
      onSubmit={(e) => {
        e.preventDefault();
        void compose.send();
      }}
    >
      <h2>{t(titleKey)}</h2>
      {draft.source_subject ? <p className="muted small" data-testid="compose-source">{t('compose.about', { subject: draft.source_subject })}</p> : null}
      <label htmlFor={ids.from}>{t('compose.from')}</label>
      <select
        id={ids.from}
        value={draft.from}
        data-testid="compose-from"
        onChange={(e) => {
          const hit = identities.find((i) => i.value === e.target.value);
          compose.update({ from: e.target.value, ...(hit && draft.kind === 'new' ? { mailbox_id: hit.mailbox } : {}) });
        }}
      >
        <option value="">{mailbox ? t('compose.fromDefault', { address: mailbox.email_address }) : '—'}</option>
        {identities.map((i) => (
          <option key={i.value} value={i.value}>
            {i.label}
          </option>
        ))}
      </select>
      {isReply ? (
        <p className="muted small" data-testid="compose-reply-to">{t(draft.kind === 'reply_all' ? 'compose.replyAllTo' : 'compose.replyTo')}</p>
      ) : (
        <>
          <label htmlFor={ids.to}>{t('compose.to')}</label>
          <input id={ids.to} type="text" value={draft.to} placeholder="nom@exemple.fr, …" onChange={(e) => compose.update({ to: e.target.value })} data-testid="compose-to" />
        </>
      )}
      <label htmlFor={ids.cc}>{t('compose.cc')}</label>
      <input id={ids.cc} type="text" value={draft.cc} onChange={(e) => compose.update({ cc: e.target.value })} data-testid="compose-cc" />
      {isReply ? null : (
        <>
          <label htmlFor={ids.subject}>{t('compose.subject')}</label>
          <input id={ids.subject} type="text" value={draft.subject} onChange={(e) => compose.update({ subject: e.target.value })} data-testid="compose-subject" />
        </>
      )}
      <label htmlFor={ids.text}>{t('compose.text')}</label>
      <textarea id={ids.text} rows={12} value={draft.text} onChange={(e) => compose.update({ text: e.target.value })} data-testid="compose-text" />
      {draft.kind !== 'new' ? <p className="muted small">{t(draft.kind === 'forward' ? 'compose.forwardNote' : 'compose.quoteNote')}</p> : null}
      <label htmlFor={ids.files}>{t('compose.attach')}</label>
      <input
        id={ids.files}
        type="file"
        multiple
        data-testid="compose-files"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // A file that cannot be read is left out; the others are attached.
          void Promise.all(files.map((f) => readAsBase64(f).catch(() => null))).then((read) => {
            const added = read.filter((a): a is OutgoingAttachment => a !== null);
            compose.update({ attachments: [...(stores.compose.getState().draft?.attachments ?? []), ...added] });
          });
        }}
      />
      {draft.attachments.length > 0 ? (
        <ul className="compose-attachments" data-testid="compose-attachments">
          {draft.attachments.map((a, i) => (
            <li key={`${a.filename}-${i}`}>
              {a.filename}{' '}
              <button type="button" className="btn btn-link" onClick={() => compose.update({ attachments: draft.attachments.filter((_, j) => j !== i) })}>
                {t('compose.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorBox words={describeUserError(error, locale)} testId="compose-error" /> : null}
      <p className="muted small" data-testid="compose-saved">{t('compose.savedLocally')}</p>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={sending} data-testid="compose-send">
          {sending ? t('compose.sending') : t('compose.send')}
        </button>
        <button type="button" className="btn" onClick={() => compose.discard()} data-testid="compose-discard">
          {t('compose.discard')}
        </button>
      </div>
    </form>
  );
}
