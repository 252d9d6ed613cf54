// The application menu: macOS needs one for the standard shortcuts (copy, paste, hide, quit); Windows and
// Linux windows get none, the tray menu holds the app's few commands.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

export function installAppMenu(platform: NodeJS.Platform, devTools: boolean): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  const template: MenuItemConstructorOptions[] = [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
  if (devTools) template.push({ role: 'viewMenu' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
