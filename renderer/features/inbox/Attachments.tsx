// The message's attachments, each with a save button (fetched only when asked).
import { useState } from 'react';
import type { AttachmentMeta } from '../../../shared/types.js';
import { base64ToBlob, saveBlob } from '../../lib/download.js';
import { describeThrown } from '../../lib/error-text.js';
import type { ErrorWords } from '../../lib/error-text.js';
import { formatBytes } from '../../lib/format.js';
import { ATTACHMENT_CAP } from '../../lib/long-content.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { PaperclipIcon } from '../common/icons.js';

export function Attachments({ messageId, attachments }: { messageId: number; attachments: AttachmentMeta[] }) {
  const { client } = useServices();
  const { t, tag, locale } = useT();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<ErrorWords | null>(null);
  const [all, setAll] = useState(false);
  const listed = attachments.filter((a) => !a.inline || !a.content_type.startsWith('image/'));
  if (listed.length === 0) return null;
  // Thousands of attachments would cost as much to render as a huge body: the first ones, the rest on demand.
  const visible = all ? listed : listed.slice(0, ATTACHMENT_CAP);

  const save = async (a: AttachmentMeta) => {
    setBusy(a.index);
    setError(null);
    try {
      const data = await client.api.getAttachment({ message_id: messageId, index: a.index });
      saveBlob(base64ToBlob(data.data_base64, data.content_type), data.filename || a.filename);
    } catch (err) {
      setError(describeThrown(err, locale));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="attachments" aria-label={t('reader.attachments')} data-testid="reader-attachments">
      <ul>
        {visible.map((a) => (
          <li key={a.index} className="attachment" data-testid="attachment">
            <span className="attachment-icon">
              <PaperclipIcon />
            </span>
            <span className="attachment-name" title={a.filename}>
              {a.filename || t('reader.unnamedAttachment')}
            </span>
            <span className="attachment-size muted">{formatBytes(a.size, tag)}</span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void save(a)}
              disabled={busy === a.index}
              aria-label={t('reader.saveNamed', { name: a.filename })}
              data-testid="attachment-save"
            >
              {busy === a.index ? t('reader.saving') : t('reader.save')}
            </button>
          </li>
        ))}
      </ul>
      {visible.length < listed.length ? (
        <button type="button" className="btn btn-small" onClick={() => setAll(true)} data-testid="attachments-show-all">
          {t('reader.showAllAttachments', { count: listed.length })}
        </button>
      ) : null}
      {error ? <ErrorBox words={error} testId="attachment-error" /> : null}
    </section>
  );
}
