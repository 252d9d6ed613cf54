// "Show the whole message" (issue 10): getMessage sends a body cut at BODY_LIMIT_CHARS, so the whole is fetched
// only when the user asks for it, per message (opening another one starts cut again).
import { useCallback, useState } from 'react';
import type { MessageBody, MessageDetail, UserError } from '../../../shared/types.js';
import { toUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';

interface Whole {
  id: number;
  /** Null while it loads, or when the detail already held the whole body (cut only by the renderer). */
  body: MessageBody | null;
  loading: boolean;
  error: UserError | null;
}

export interface WholeBody {
  /** The user asked for the whole of this message. */
  asked: boolean;
  loading: boolean;
  error: UserError | null;
  /** The body to render: the whole once loaded, else the detail's own (maybe cut). */
  text: string;
  html: string | null;
  ask: () => void;
}

export function useWholeBody(detail: MessageDetail): WholeBody {
  const { client } = useServices();
  const { locale } = useT();
  const [whole, setWhole] = useState<Whole | null>(null);
  const mine = whole?.id === detail.id ? whole : null;
  const ask = useCallback(() => {
    const id = detail.id;
    if (!detail.body_truncated) {
      setWhole({ id, body: null, loading: false, error: null });
      return;
    }
    setWhole({ id, body: null, loading: true, error: null });
    client.api.getMessageBody({ id }).then(
      (body) => setWhole((w) => (w?.id === id ? { id, body, loading: false, error: null } : w)),
      (err: unknown) => setWhole((w) => (w?.id === id ? { id, body: null, loading: false, error: toUserError(err, locale) } : w)),
    );
  }, [client, detail.id, detail.body_truncated, locale]);
  const body = mine?.body ?? detail;
  return { asked: mine !== null && !mine.loading && !mine.error, loading: mine?.loading ?? false, error: mine?.error ?? null, text: body.text, html: body.html, ask };
}
