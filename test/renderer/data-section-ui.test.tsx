// Settings › "Données et sauvegarde": what and where is shown, an export and a backup run from the screen with
// their outcome in plain words, and a refused destination explained.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataSection } from '../../renderer/features/settings/DataSection.js';
import { FakeMailApi } from './fake-api.js';
import { renderWith } from './render-app.js';

afterEach(cleanup);

describe('data and backup section', () => {
  it('shows the version, data folder and size, then exports and backs up to the suggested places', async () => {
    const api = new FakeMailApi({ locale: 'fr' });
    renderWith(api, { ui: <DataSection /> });
    expect((await screen.findByTestId('settings-about-version')).textContent).toBe('0.1.0');
    expect(screen.getByTestId('settings-about-folder').textContent).toBe('/home/marie/.config/Releve');
    expect(screen.getByTestId('settings-about-last-backup').textContent).toBe('jamais');
    expect(screen.getByTestId<HTMLInputElement>('settings-export-dir').value).toBe('/home/marie/Releve-export-2026-12-03');
    fireEvent.click(screen.getByTestId('settings-export-eml'));
    fireEvent.click(screen.getByTestId('settings-export-run'));
    expect((await screen.findByTestId('settings-export-done')).textContent).toContain('exporté');
    expect(api.calls.filter((c) => c.method === 'exportMessages').map((c) => c.arg)).toEqual([
      { mailbox_ids: null, format: 'eml', out_dir: '/home/marie/Releve-export-2026-12-03' },
    ]);
    fireEvent.click(screen.getByTestId('settings-backup-run'));
    expect((await screen.findByTestId('settings-backup-done')).textContent).toContain('/home/marie/Releve-sauvegarde-2026-12-03.db');
    expect((await screen.findByTestId('settings-about-last-backup')).textContent).toContain('/home/marie/Releve-sauvegarde-2026-12-03.db');
  });

  it('a destination that is not a full path is refused in plain words', async () => {
    const api = new FakeMailApi({ locale: 'fr' });
    renderWith(api, { ui: <DataSection /> });
    const dir = await screen.findByTestId('settings-export-dir');
    fireEvent.change(dir, { target: { value: 'export' } });
    fireEvent.click(screen.getByTestId('settings-export-run'));
    expect(await screen.findByTestId('settings-export-error')).toBeTruthy();
  });
});
