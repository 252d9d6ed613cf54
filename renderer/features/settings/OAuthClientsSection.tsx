// "Microsoft / Google sign-in (administrator)": the application (client) each business registers with the
// provider, so Outlook / Gmail mailboxes can sign in. The desktop app gets no environment variables: this form
// is how its administrator sets them. The Google client secret is write-only (never shown back).
import { useState } from 'react';
import { useStore } from 'zustand';
import { ReleveError } from '../../../shared/errors.js';
import { parseSettingsPatch } from '../../../shared/schemas.js';
import type { Locale, OAuthClientProviderId, OAuthClientSettings, UserError } from '../../../shared/types.js';
import type { LabelKey } from '../../i18n/i18n.js';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Field } from '../common/Field.js';

type ProviderPatch = { client_id?: string | null; tenant?: string | null; client_secret?: string | null };

interface ProviderSpec {
  id: OAuthClientProviderId;
  title: LabelKey;
  steps: LabelKey;
  portal: LabelKey;
  portalUrl: string;
  tenant: boolean;
  secret: boolean;
}

const PROVIDERS: readonly ProviderSpec[] = [
  {
    id: 'microsoft',
    title: 'settings.oauth.microsoft.title',
    steps: 'settings.oauth.microsoft.steps',
    portal: 'settings.oauth.microsoft.portal',
    portalUrl: 'https://entra.microsoft.com/',
    tenant: true,
    secret: false,
  },
  {
    id: 'google',
    title: 'settings.oauth.google.title',
    steps: 'settings.oauth.google.steps',
    portal: 'settings.oauth.google.portal',
    portalUrl: 'https://console.cloud.google.com/apis/credentials',
    tenant: false,
    secret: true,
  },
];

const envVariable = (id: OAuthClientProviderId) => `RELEVE_OAUTH_${id.toUpperCase()}_CLIENT_ID`;

/** The same rules (and FR/EN sentences) as the core, run here in the UI's language: field → message. */
function localErrors(id: OAuthClientProviderId, patch: ProviderPatch, locale: Locale): Record<string, string> {
  try {
    parseSettingsPatch({ oauth: { [id]: patch } }, locale);
    return {};
  } catch (err) {
    if (err instanceof ReleveError && err.field) return { [err.field.split('.').pop()!]: err.message };
    throw err;
  }
}

function ClientStatus({ id, report }: { id: OAuthClientProviderId; report: OAuthClientSettings }) {
  const { t } = useT();
  const variable = envVariable(id);
  const configured = report.source !== null;
  return (
    <p className="oauth-client-status" data-testid={`settings-oauth-${id}-status`}>
      <span className={`tag ${configured ? 'tag-ok' : 'tag-muted'}`}>{configured ? '✓' : '—'}</span>{' '}
      {report.source === 'settings'
        ? t('settings.oauth.status.settings')
        : report.source === 'env'
          ? t('settings.oauth.status.env', { variable })
          : report.source === 'build'
            ? t('settings.oauth.status.build')
            : t('settings.oauth.status.none', { variable })}
    </p>
  );
}

function ProviderClientForm({
  spec,
  report,
  onSaved,
}: {
  spec: ProviderSpec;
  report: OAuthClientSettings;
  onSaved: () => void;
}) {
  const { stores } = useServices();
  const { t, locale } = useT();
  const save = useStore(stores.settings, (s) => s.saveOAuthClients);
  // A client id from the environment is shown as a hint, not as a value: saving must not copy it into the settings.
  const initialClientId = report.source === 'settings' ? (report.client_id ?? '') : '';
  const initialTenant = report.tenant ?? '';
  const [clientId, setClientId] = useState(initialClientId);
  const [tenant, setTenant] = useState(initialTenant);
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);

  const patch: ProviderPatch = {};
  if (clientId.trim() !== initialClientId) patch.client_id = clientId.trim() || null;
  if (spec.tenant && tenant.trim() !== initialTenant) patch.tenant = tenant.trim() || null;
  if (spec.secret && secret !== '') patch.client_secret = secret;
  const changed = Object.keys(patch).length > 0;

  const submit = async (p: ProviderPatch) => {
    const found = localErrors(spec.id, p, locale);
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const refused = await save({ [spec.id]: p });
    setBusy(false);
    if (refused) {
      setRefusal(refused);
      return;
    }
    setSecret('');
    onSaved();
  };
  const clearAll = () =>
    void submit(spec.secret ? { client_id: null, client_secret: null } : { client_id: null, tenant: null });

  return (
    <form
      className="oauth-client"
      aria-labelledby={`settings-oauth-${spec.id}-title`}
      data-testid={`settings-oauth-${spec.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(patch);
      }}
    >
      <h3 id={`settings-oauth-${spec.id}-title`}>{t(spec.title)}</h3>
      <ClientStatus id={spec.id} report={report} />
      <p className="muted small">
        {t(spec.steps)}{' '}
        <a href={spec.portalUrl} target="_blank" rel="noopener noreferrer">
          {t(spec.portal)}
        </a>
      </p>
      <Field
        label={t('settings.oauth.clientId')}
        value={clientId}
        onValue={setClientId}
        placeholder={report.source === 'env' ? (report.client_id ?? '') : ''}
        error={errors.client_id}
        autoComplete="off"
        spellCheck={false}
        testId={`settings-oauth-${spec.id}-client-id`}
      />
      {spec.tenant ? (
        <Field
          label={t('settings.oauth.tenant')}
          value={tenant}
          onValue={setTenant}
          placeholder="common"
          error={errors.tenant}
          help={t('settings.oauth.tenantHelp')}
          autoComplete="off"
          spellCheck={false}
          testId={`settings-oauth-${spec.id}-tenant`}
        />
      ) : null}
      {spec.secret ? (
        <Field
          label={t('settings.oauth.clientSecret')}
          type="password"
          value={secret}
          onValue={setSecret}
          error={errors.client_secret}
          help={report.has_client_secret ? t('settings.oauth.secretStored') : t('settings.oauth.clientSecretHelp')}
          autoComplete="off"
          testId={`settings-oauth-${spec.id}-client-secret`}
        />
      ) : null}
      {refusal ? <ErrorBox words={describeUserError(refusal, locale)} testId={`settings-oauth-${spec.id}-error`} /> : null}
      <div className="actions actions-start">
        <button type="submit" className="btn btn-primary" disabled={!changed || busy} data-testid={`settings-oauth-${spec.id}-save`}>
          {t('settings.oauth.save')}
        </button>
        {report.source === 'settings' ? (
          <button type="button" className="btn" disabled={busy} onClick={clearAll} data-testid={`settings-oauth-${spec.id}-clear`}>
            {t('settings.oauth.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function OAuthClientsSection() {
  const { stores } = useServices();
  const { t } = useT();
  const oauth = useStore(stores.settings, (s) => s.oauth);
  const [saved, setSaved] = useState<OAuthClientProviderId | null>(null);
  if (!oauth) return null;
  return (
    <section className="card settings-card" aria-labelledby="settings-oauth-title" data-testid="settings-oauth">
      <h2 id="settings-oauth-title">{t('settings.oauth.title')}</h2>
      <p>{t('settings.oauth.intro')}</p>
      <p className="muted small">{t('settings.oauth.docs')}</p>
      <p className="muted small">{t('settings.oauth.reconnectNote')}</p>
      {PROVIDERS.map((spec) => (
        <div key={spec.id}>
          {/* Keyed by the report: after a save the form starts again from what the core now says. */}
          <ProviderClientForm key={JSON.stringify(oauth[spec.id])} spec={spec} report={oauth[spec.id]} onSaved={() => setSaved(spec.id)} />
          {saved === spec.id ? (
            <p className="muted" role="status" data-testid={`settings-oauth-${spec.id}-saved`}>
              ✓ {t('settings.oauth.saved')}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
