// Validation of the folder and action arguments (issue 14), with messages naming the field (folder-schemas.i18n.ts).
import { FOLDER_TEXT as T } from './folder-schemas.i18n.js';
import { fail, readText } from './schema-rules.js';
import { FOLDER_VIEWS, type FolderView, type Locale, type MessageAction, type MessageActionInput } from './types.js';

export const MESSAGE_ACTIONS: readonly MessageAction[] = ['read', 'unread', 'flag', 'unflag', 'archive', 'delete', 'not-spam', 'move'];
const MAX_FOLDERS = 500;

export function parseFolderView(v: unknown, locale: Locale): FolderView {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  // "spam" is what people type; the role is "junk" (RFC 6154).
  const view = s === 'spam' ? 'junk' : s;
  if ((FOLDER_VIEWS as readonly string[]).includes(view)) return view as FolderView;
  return fail('folder', T.view, locale, { values: FOLDER_VIEWS.join(', ') });
}

function folderPath(v: unknown, field: string, locale: Locale): string {
  return readText(v, 1, 1000, () => fail(field, T.path, locale));
}

/** PATCH folders: the paths to sync (INBOX is always synced). */
export function parseFolderList(v: unknown, locale: Locale): string[] {
  if (!Array.isArray(v) || v.length > MAX_FOLDERS) {
    return fail('folders', T.list, locale, { max: MAX_FOLDERS });
  }
  return [...new Set(v.map((p) => folderPath(p, 'folders', locale)))];
}

export function parseMessageAction(v: unknown, locale: Locale): MessageAction {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((MESSAGE_ACTIONS as readonly string[]).includes(s)) return s as MessageAction;
  return fail('action', T.action, locale, { values: MESSAGE_ACTIONS.join(', ') });
}

export function parseMessageActionInput(o: Record<string, unknown>, ids: number[], locale: Locale): MessageActionInput {
  const action = parseMessageAction(o.action, locale);
  const out: MessageActionInput = { ids, action };
  if (action === 'move') out.folder = folderPath(o.folder, 'folder', locale);
  return out;
}
