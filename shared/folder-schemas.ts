// Validation of the folder and action arguments (issue 14), with FR/EN messages naming the field.
import { fail, readText } from './schema-rules.js';
import { FOLDER_VIEWS, type FolderView, type Locale, type MessageAction, type MessageActionInput } from './types.js';

export const MESSAGE_ACTIONS: readonly MessageAction[] = ['read', 'unread', 'flag', 'unflag', 'archive', 'delete', 'not-spam', 'move'];
const MAX_FOLDERS = 500;

export function parseFolderView(v: unknown, locale: Locale): FolderView {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  // "spam" is what people type; the role is "junk" (RFC 6154).
  const view = s === 'spam' ? 'junk' : s;
  if ((FOLDER_VIEWS as readonly string[]).includes(view)) return view as FolderView;
  return fail('folder', {
    fr: `Le dossier doit être l’un de : ${FOLDER_VIEWS.join(', ')}.`,
    en: `The folder must be one of: ${FOLDER_VIEWS.join(', ')}.`,
  }, locale);
}

function folderPath(v: unknown, field: string, locale: Locale): string {
  const path = readText(v, 1, 1000, () =>
    fail(field, { fr: 'Le chemin du dossier doit être un texte non vide.', en: 'The folder path must be a non-empty text.' }, locale),
  );
  return path;
}

/** PATCH folders: the paths to sync (INBOX is always synced). */
export function parseFolderList(v: unknown, locale: Locale): string[] {
  if (!Array.isArray(v) || v.length > MAX_FOLDERS) {
    return fail('folders', {
      fr: `« folders » doit être une liste de chemins de dossiers (${MAX_FOLDERS} au plus).`,
      en: `“folders” must be a list of folder paths (at most ${MAX_FOLDERS}).`,
    }, locale);
  }
  return [...new Set(v.map((p) => folderPath(p, 'folders', locale)))];
}

export function parseMessageAction(v: unknown, locale: Locale): MessageAction {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((MESSAGE_ACTIONS as readonly string[]).includes(s)) return s as MessageAction;
  return fail('action', {
    fr: `L’action doit être l’une de : ${MESSAGE_ACTIONS.join(', ')}.`,
    en: `The action must be one of: ${MESSAGE_ACTIONS.join(', ')}.`,
  }, locale);
}

export function parseMessageActionInput(o: Record<string, unknown>, ids: number[], locale: Locale): MessageActionInput {
  const action = parseMessageAction(o.action, locale);
  const out: MessageActionInput = { ids, action };
  if (action === 'move') out.folder = folderPath(o.folder, 'folder', locale);
  return out;
}
