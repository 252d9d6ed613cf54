// An error the user can act on: what happened, what to do, and the technical detail folded away.
import type { ReactNode } from 'react';
import type { ErrorWords } from '../../lib/error-text.js';
import { useT } from '../../store/services.js';

export function ErrorBox({ words, testId, children }: { words: ErrorWords; testId?: string; children?: ReactNode }) {
  const { t } = useT();
  return (
    <div className="error-box" role="alert" data-testid={testId ?? 'error-box'} data-error-code={words.code}>
      <p className="error-message">{words.message}</p>
      <p className="error-hint">{words.hint}</p>
      {words.detail ? (
        <details className="error-detail">
          <summary>{t('error.detail')}</summary>
          <code>{words.detail}</code>
        </details>
      ) : null}
      {children}
    </div>
  );
}
