// Settings › "Données et sauvegarde": version, where the data is, store size, log file, last backup — and the
// ways out: export (mbox / .eml) and a backup of everything, on the computer running Relève. No lock-in.
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { AboutInfo, BackupResult, ExportResult, UserError } from '../../../shared/types.js';
import { describeUserError, toUserError } from '../../lib/error-text.js';
import { formatBytes, formatFullDate } from '../../lib/format.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Field } from '../common/Field.js';

type Job<T> = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; result: T } | { kind: 'failed'; error: UserError };

function AboutList({ about }: { about: AboutInfo }) {
  const { t, tag } = useT();
  return (
    <dl className="about-list" data-testid="settings-about">
      <dt>{t('settings.data.version')}</dt>
      <dd data-testid="settings-about-version">{about.version}</dd>
      <dt>{t('settings.data.folder')}</dt>
      <dd>
        <code data-testid="settings-about-folder">{about.data_dir}</code>
      </dd>
      <dt>{t('settings.data.size')}</dt>
      <dd data-testid="settings-about-size">{formatBytes(about.store_bytes, tag)}</dd>
      {about.log_file ? (
        <>
          <dt>{t('settings.data.log')}</dt>
          <dd>
            <code>{about.log_file}</code>
          </dd>
        </>
      ) : null}
      <dt>{t('settings.data.lastBackup')}</dt>
      <dd data-testid="settings-about-last-backup">
        {about.last_backup ? t('settings.data.lastBackupWhen', { when: formatFullDate(about.last_backup.at, tag), file: about.last_backup.file }) : t('settings.data.never')}
      </dd>
    </dl>
  );
}

export function DataSection() {
  const { client, stores } = useServices();
  const { t, locale } = useT();
  const mailboxes = useStore(stores.mailboxes, (s) => s.mailboxes);
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [scope, setScope] = useState<string>('all');
  const [format, setFormat] = useState<'mbox' | 'eml'>('mbox');
  const [outDir, setOutDir] = useState('');
  const [backupFile, setBackupFile] = useState('');
  const [exportJob, setExportJob] = useState<Job<ExportResult>>({ kind: 'idle' });
  const [backupJob, setBackupJob] = useState<Job<BackupResult>>({ kind: 'idle' });
  const scopeId = useId();

  const reload = () =>
    client.api.getAbout().then((a) => {
      setAbout(a);
      setOutDir((v) => v || a.default_export_dir);
      setBackupFile((v) => v || a.default_backup_file);
    });
  useEffect(() => {
    void reload().catch(() => setAbout(null));
    return client.on('exportProgress', (p) => setExportJob((j) => (j.kind === 'running' ? { kind: 'running', done: p.done, total: p.total } : j)));
  }, [client]);

  const runExport = async () => {
    setExportJob({ kind: 'running', done: 0, total: 0 });
    try {
      const result = await client.api.exportMessages({ mailbox_ids: scope === 'all' ? null : [Number(scope)], format, out_dir: outDir.trim() });
      setExportJob({ kind: 'done', result });
    } catch (err) {
      setExportJob({ kind: 'failed', error: toUserError(err, locale) });
    }
  };
  const runBackup = async () => {
    setBackupJob({ kind: 'running', done: 0, total: 0 });
    try {
      const result = await client.api.backupStore({ file: backupFile.trim() });
      setBackupJob({ kind: 'done', result });
      void reload();
    } catch (err) {
      setBackupJob({ kind: 'failed', error: toUserError(err, locale) });
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="settings-data-title" data-testid="settings-data">
      <h2 id="settings-data-title">{t('settings.data.title')}</h2>
      {about ? <AboutList about={about} /> : null}

      <h3>{t('settings.data.exportTitle')}</h3>
      <p className="muted">{t('settings.data.exportIntro')}</p>
      <div className="field">
        <label htmlFor={scopeId}>{t('settings.data.exportWhich')}</label>
        <select id={scopeId} value={scope} onChange={(e) => setScope(e.target.value)} data-testid="settings-export-scope">
          <option value="all">{t('settings.data.allMailboxes')}</option>
          {mailboxes.map((m) => (
            <option key={m.id} value={String(m.id)}>
              {m.name} ({m.email_address})
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field radio-row">
        <legend>{t('settings.data.format')}</legend>
        <label>
          <input type="radio" name="export-format" checked={format === 'mbox'} onChange={() => setFormat('mbox')} data-testid="settings-export-mbox" />{' '}
          {t('settings.data.formatMbox')}
        </label>
        <label>
          <input type="radio" name="export-format" checked={format === 'eml'} onChange={() => setFormat('eml')} data-testid="settings-export-eml" />{' '}
          {t('settings.data.formatEml')}
        </label>
      </fieldset>
      <Field label={t('settings.data.exportTo')} value={outDir} onValue={setOutDir} testId="settings-export-dir" spellCheck={false} />
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={exportJob.kind === 'running' || outDir.trim() === ''} onClick={() => void runExport()} data-testid="settings-export-run">
          {t('settings.data.exportRun')}
        </button>
      </div>
      {exportJob.kind === 'running' ? (
        <p role="status" data-testid="settings-export-progress">
          {exportJob.total > 0 ? t('settings.data.exportProgress', { done: exportJob.done, total: exportJob.total }) : t('settings.data.working')}
        </p>
      ) : exportJob.kind === 'done' ? (
        <p role="status" className="ok-text" data-testid="settings-export-done">
          {t('settings.data.exportDone', { count: exportJob.result.messages, n: exportJob.result.messages, out: exportJob.result.out })}
        </p>
      ) : exportJob.kind === 'failed' ? (
        <ErrorBox words={describeUserError(exportJob.error, locale)} testId="settings-export-error" />
      ) : null}

      <h3>{t('settings.data.backupTitle')}</h3>
      <p className="muted">{t('settings.data.backupIntro')}</p>
      <Field label={t('settings.data.backupTo')} value={backupFile} onValue={setBackupFile} testId="settings-backup-file" spellCheck={false} />
      <div className="actions">
        <button type="button" className="btn" disabled={backupJob.kind === 'running' || backupFile.trim() === ''} onClick={() => void runBackup()} data-testid="settings-backup-run">
          {t('settings.data.backupRun')}
        </button>
      </div>
      {backupJob.kind === 'running' ? (
        <p role="status">{t('settings.data.working')}</p>
      ) : backupJob.kind === 'done' ? (
        <p role="status" className="ok-text" data-testid="settings-backup-done">
          {t('settings.data.backupDone', { file: backupJob.result.file, size: formatBytes(backupJob.result.bytes, locale) })}
        </p>
      ) : backupJob.kind === 'failed' ? (
        <ErrorBox words={describeUserError(backupJob.error, locale)} testId="settings-backup-error" />
      ) : null}
      <p className="muted">{t('settings.data.restoreHint')}</p>
    </section>
  );
}
