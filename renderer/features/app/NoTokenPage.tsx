// Shown in a browser opened without the access token (or with a refused one): explains where the right
// address comes from. It uses the browser language since no settings can be read without the server.
import type { Locale } from '../../../shared/types.js';
import { makeTranslator } from '../../i18n/i18n.js';

export function NoTokenPage({ locale, refused = false }: { locale: Locale; refused?: boolean }) {
  const { t } = makeTranslator(locale);
  return (
    <main className="no-token" data-testid={refused ? 'token-refused' : 'no-token'}>
      <div className="no-token-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span className="brand-name">Relève</span>
        </div>
        <h1>{refused ? t('noToken.refusedTitle') : t('noToken.title')}</h1>
        <p>{t('noToken.explain')}</p>
        <pre className="no-token-cmd">releve serve</pre>
        <p>{t('noToken.then')}</p>
        <p className="muted">{t('noToken.security')}</p>
      </div>
    </main>
  );
}
