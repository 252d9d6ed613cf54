// The HTML body, sanitized (DOMPurify + our hooks) and isolated in a sandboxed iframe without scripts
// nor same-origin, whose own CSP blocks remote images until the user allows them.
import { useEffect, useMemo, useState } from 'react';
import type { AttachmentMeta } from '../../../shared/types.js';
import { emailSrcdoc, FRAME_SANDBOX } from '../../lib/email-frame.js';
import { useServices, useT } from '../../store/services.js';

/** Inline images larger than this are not embedded (they stay listed as attachments). */
const MAX_INLINE_BYTES = 3 * 1024 * 1024;

/** data: URLs of the message's embedded images (cid:), fetched from the core. */
function useCidImages(messageId: number, html: string, attachments: AttachmentMeta[]): Record<string, string> {
  const { client } = useServices();
  const [map, setMap] = useState<Record<string, string>>({});
  useEffect(() => {
    let cancelled = false;
    setMap({});
    const wanted = attachments.filter(
      (a) => a.content_id && a.content_type.startsWith('image/') && a.size <= MAX_INLINE_BYTES && html.includes(`cid:${a.content_id}`),
    );
    void Promise.all(
      wanted.map(async (a) => {
        try {
          const data = await client.api.getAttachment({ message_id: messageId, index: a.index });
          return [a.content_id as string, `data:${data.content_type};base64,${data.data_base64}`] as const;
        } catch {
          return null;
        }
      }),
    ).then((pairs) => {
      if (cancelled) return;
      const out: Record<string, string> = {};
      for (const p of pairs) if (p) out[p[0]] = p[1];
      if (Object.keys(out).length > 0) setMap(out);
    });
    return () => {
      cancelled = true;
    };
  }, [client, messageId, html, attachments]);
  return map;
}

export function HtmlBody({
  messageId,
  html,
  attachments,
  showImages,
  onShowImages,
  subject,
}: {
  messageId: number;
  html: string;
  attachments: AttachmentMeta[];
  showImages: boolean;
  onShowImages: () => void;
  subject: string;
}) {
  const { t } = useT();
  const cidMap = useCidImages(messageId, html, attachments);
  const frame = useMemo(() => emailSrcdoc(html, { allowRemoteImages: showImages, cidMap }), [html, showImages, cidMap]);
  return (
    <>
      {frame.blockedCount > 0 ? (
        <div className="banner banner-info images-banner" role="status" data-testid="remote-images-banner">
          <span>{t('reader.imagesBlocked')}</span>
          <button type="button" className="btn btn-small" onClick={onShowImages} data-testid="show-images">
            {t('reader.showImages')}
          </button>
        </div>
      ) : null}
      <iframe
        className="reader-frame"
        title={t('reader.frameTitle', { subject })}
        sandbox={FRAME_SANDBOX}
        srcDoc={frame.srcdoc}
        referrerPolicy="no-referrer"
        data-testid="reader-frame"
        data-images={showImages ? 'shown' : 'blocked'}
      />
    </>
  );
}
