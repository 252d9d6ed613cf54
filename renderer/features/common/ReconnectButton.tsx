// "Reconnect" for an OAuth2 mailbox whose sign-in expired or was revoked: a new sign-in on the provider's
// page stores fresh tokens in the mailbox (the core does that), then a sync runs at once.
import { useEffect, useRef, useState } from 'react';
import type { UserError } from '../../../shared/types.js';
import { describeUserError, toUserError } from '../../lib/error-text.js';
import { openExternal } from '../../lib/open-external.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from './ErrorBox.js';

type State = { status: 'idle' } | { status: 'waiting'; url: string | null } | { status: 'failed'; error: UserError };

export function ReconnectButton({ mailboxId }: { mailboxId: number }) {
  const { client, stores } = useServices();
  const { t, locale } = useT();
  const [state, setState] = useState<State>({ status: 'idle' });
  const flowRef = useRef<string | null>(null);

  const cancelFlow = () => {
    const id = flowRef.current;
    flowRef.current = null;
    if (id) void client.api.cancelOAuth({ flow_id: id }).catch(() => undefined);
  };
  // Leaving the screen mid sign-in stops the core's loopback listener.
  const cancelRef = useRef(cancelFlow);
  cancelRef.current = cancelFlow;
  useEffect(() => () => cancelRef.current(), []);

  const reconnect = async () => {
    setState({ status: 'waiting', url: null });
    try {
      const flow = await client.api.beginOAuth({ mailbox_id: mailboxId });
      flowRef.current = flow.flow_id;
      setState({ status: 'waiting', url: flow.authorization_url });
      openExternal(flow.authorization_url);
      await client.api.completeOAuth({ flow_id: flow.flow_id });
      flowRef.current = null;
      setState({ status: 'idle' });
      void stores.mailboxes.getState().load();
      void stores.status.getState().syncNow(mailboxId);
    } catch (err) {
      flowRef.current = null;
      setState({ status: 'failed', error: toUserError(err, locale) });
    }
  };

  return (
    <div className="reconnect">
      <button
        type="button"
        className="btn btn-small btn-primary"
        onClick={() => void reconnect()}
        disabled={state.status === 'waiting'}
        data-testid={`reconnect-${mailboxId}`}
      >
        {t('oauth.reconnect')}
      </button>
      {state.status === 'waiting' ? (
        <span className="small muted" role="status" data-testid={`reconnect-waiting-${mailboxId}`}>
          {' '}
          {t('wizard.oauth.waiting')}{' '}
          {state.url ? (
            <a href={state.url} target="_blank" rel="noopener noreferrer">
              {t('wizard.oauth.reopen')}
            </a>
          ) : null}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              cancelFlow();
              setState({ status: 'idle' });
            }}
          >
            {t('common.cancel')}
          </button>
        </span>
      ) : null}
      {state.status === 'failed' ? <ErrorBox words={describeUserError(state.error, locale)} testId={`reconnect-error-${mailboxId}`} /> : null}
    </div>
  );
}
