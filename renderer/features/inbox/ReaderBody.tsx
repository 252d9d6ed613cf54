// The message body in the reader, capped: the first BODY_CAP_CHARS characters (HTML source or text) are
// rendered at once, the rest only when the user asks for the whole message, so a hostile or huge mail opens
// as fast as a normal one. Long unbroken runs of text get invisible break opportunities (long-content.ts).
import { useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/types.js';
import { breakLongRuns, capText, limitNesting } from '../../lib/long-content.js';
import { useT } from '../../store/services.js';
import { HtmlBody } from './HtmlBody.js';

export function ReaderBody({ detail, showImages, onShowImages }: { detail: MessageDetail; showImages: boolean; onShowImages: () => void }) {
  const { t } = useT();
  // Per message: opening another one starts capped again.
  const [wholeOf, setWholeOf] = useState<number | null>(null);
  const whole = wholeOf === detail.id;
  const source = detail.html ? detail.html : detail.text;
  const capped = useMemo(() => (whole ? { shown: source, truncated: false } : capText(source)), [source, whole]);
  const html = useMemo(() => (detail.html ? limitNesting(capped.shown) : ''), [detail.html, capped.shown]);
  const text = useMemo(() => (detail.html ? '' : breakLongRuns(capped.shown)), [detail.html, capped.shown]);
  return (
    <>
      {capped.truncated ? (
        <div className="banner banner-info images-banner" role="status" data-testid="reader-truncated">
          <span>{t('reader.truncated', { shown: Math.round(capped.shown.length / 1000), total: Math.round(source.length / 1000) })}</span>
          <button type="button" className="btn btn-small" onClick={() => setWholeOf(detail.id)} data-testid="show-whole-message">
            {t('reader.showWhole')}
          </button>
        </div>
      ) : null}
      {detail.html ? (
        <HtmlBody
          messageId={detail.id}
          html={html}
          attachments={detail.attachments}
          showImages={showImages}
          onShowImages={onShowImages}
          subject={detail.subject}
        />
      ) : (
        <pre className="reader-text" data-testid="reader-text">
          {text}
        </pre>
      )}
    </>
  );
}
