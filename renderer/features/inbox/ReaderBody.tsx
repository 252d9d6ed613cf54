// The message body in the reader, capped: the core sends at most BODY_LIMIT_CHARS of HTML and of text
// (body_truncated), the first BODY_CAP_CHARS characters are rendered at once, and the whole is fetched and
// rendered only when the user asks for it, so a hostile or huge mail opens as fast as a normal one. Long
// unbroken runs of text get invisible break opportunities (long-content.ts).
import { useMemo } from 'react';
import type { MessageDetail } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { breakLongRuns, capText, limitNesting } from '../../lib/long-content.js';
import { useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { HtmlBody } from './HtmlBody.js';
import { useWholeBody } from './use-whole-body.js';

export function ReaderBody({ detail, showImages, onShowImages }: { detail: MessageDetail; showImages: boolean; onShowImages: () => void }) {
  const { t, locale } = useT();
  const whole = useWholeBody(detail);
  const source = whole.html ? whole.html : whole.text;
  const capped = useMemo(() => (whole.asked ? { shown: source, truncated: false } : capText(source)), [source, whole.asked]);
  const truncated = !whole.asked && (capped.truncated || detail.body_truncated);
  const html = useMemo(() => (whole.html ? limitNesting(capped.shown) : ''), [whole.html, capped.shown]);
  const text = useMemo(() => (whole.html ? '' : breakLongRuns(capped.shown)), [whole.html, capped.shown]);
  return (
    <>
      {truncated ? (
        <div className="banner banner-info images-banner" role="status" data-testid="reader-truncated">
          <span>{t('reader.truncated', { shown: Math.round(capped.shown.length / 1000), total: Math.round(Math.max(detail.body_length, source.length) / 1000) })}</span>
          <button type="button" className="btn btn-small" onClick={whole.ask} disabled={whole.loading} aria-busy={whole.loading} data-testid="show-whole-message">
            {t('reader.showWhole')}
          </button>
        </div>
      ) : null}
      {whole.error ? <ErrorBox words={describeUserError(whole.error, locale)} testId="whole-message-error" /> : null}
      {whole.html ? (
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
