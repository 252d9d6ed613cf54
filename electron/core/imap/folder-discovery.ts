// Which folder of a mailbox plays which part (Sent, Junk, Archive, Trash, Drafts): the server's SPECIAL-USE
// attributes (RFC 6154) when it gives them, else the folder's name in French or English. Pure over the LIST
// answer so it is unit-tested against the answers real servers give; discoverFolders() is the IMAP call.
import type { ImapFlow, ListResponse } from 'imapflow';
import type { FolderRole } from '../../../shared/types.js';

export type { FolderRole } from '../../../shared/types.js';

export interface DiscoveredFolder {
  path: string;
  role: FolderRole;
  delimiter: string;
}

/** The parts of an imapflow ListResponse this module reads (tests build them by hand). */
export type ListedFolder = Pick<ListResponse, 'path' | 'delimiter' | 'flags'> & Partial<Pick<ListResponse, 'specialUse' | 'specialUseSource'>>;

const SPECIAL_USE: Record<string, FolderRole> = {
  '\\sent': 'sent',
  '\\junk': 'junk',
  '\\archive': 'archive',
  '\\trash': 'trash',
  '\\drafts': 'drafts',
  // Gmail's "All Mail" holds a copy of everything: never synced, or every message would be downloaded twice.
  '\\all': 'all',
  '\\flagged': 'all',
  '\\important': 'all',
};

/** Names (lower case, accents and punctuation folded) that mean a role when the server does not say. */
const NAMES: Record<Exclude<FolderRole, 'inbox' | 'other'>, string[]> = {
  sent: ['sent', 'sent items', 'sent messages', 'sent mail', 'envoyes', 'elements envoyes', 'messages envoyes', 'courrier envoye'],
  junk: ['junk', 'spam', 'spams', 'junk mail', 'junk email', 'junk e mail', 'bulk mail', 'courrier indesirable', 'courriers indesirables', 'pourriel', 'pourriels', 'indesirables'],
  archive: ['archive', 'archives'],
  trash: ['trash', 'bin', 'deleted', 'deleted items', 'deleted messages', 'corbeille', 'elements supprimes', 'messages supprimes'],
  drafts: ['drafts', 'draft', 'brouillons', 'brouillon'],
  all: ['all mail', 'tous les messages'],
};

/** Parents under which a well-known name still means the role: the root, the personal namespace, Gmail's. */
const ROLE_PARENTS = new Set(['', 'inbox', '[gmail]', '[google mail]']);

export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function roleByAttribute(f: ListedFolder): FolderRole | null {
  for (const flag of f.flags) {
    const role = SPECIAL_USE[flag.toLowerCase()];
    if (role) return role;
  }
  if (f.specialUse && f.specialUseSource === 'extension') return SPECIAL_USE[f.specialUse.toLowerCase()] ?? null;
  return null;
}

function roleByName(f: ListedFolder): FolderRole | null {
  const parts = f.delimiter ? f.path.split(f.delimiter) : [f.path];
  const leaf = parts.pop() ?? f.path;
  if (!ROLE_PARENTS.has(parts.join(f.delimiter || '/').toLowerCase())) return null;
  const folded = foldName(leaf);
  for (const [role, names] of Object.entries(NAMES) as Array<[FolderRole, string[]]>) {
    if (names.includes(folded)) return role;
  }
  return null;
}

function unselectable(f: ListedFolder): boolean {
  return [...f.flags].some((x) => /^\\(noselect|nonexistent)$/i.test(x));
}

/**
 * One role per folder and at most one folder per role (INBOX aside): a server attribute wins over a name, a
 * shallower path over a deeper one. Folders that cannot be opened are left out.
 */
export function classifyFolders(listed: readonly ListedFolder[]): DiscoveredFolder[] {
  const selectable = listed.filter((f) => !unselectable(f));
  const taken = new Map<FolderRole, string>();
  const roleOf = new Map<string, FolderRole>();
  const claim = (f: ListedFolder, role: FolderRole | null) => {
    if (role === null || roleOf.has(f.path)) return;
    if (role !== 'all' && taken.has(role)) return;
    taken.set(role, f.path);
    roleOf.set(f.path, role);
  };
  const byDepth = [...selectable].sort(
    (a, b) => depth(a) - depth(b) || a.path.localeCompare(b.path),
  );
  for (const f of byDepth) if (f.path.toUpperCase() === 'INBOX') claim(f, 'inbox');
  for (const f of byDepth) claim(f, roleByAttribute(f));
  for (const f of byDepth) claim(f, roleByName(f));
  return selectable.map((f) => ({ path: f.path, role: roleOf.get(f.path) ?? 'other', delimiter: f.delimiter }));
}

function depth(f: ListedFolder): number {
  return f.delimiter ? f.path.split(f.delimiter).length : 1;
}

/** LIST on the server, classified. INBOX is always there (RFC 3501), even if a server forgets to list it. */
export async function discoverFolders(client: ImapFlow): Promise<DiscoveredFolder[]> {
  const listed = await client.list();
  const found = classifyFolders(listed);
  if (!found.some((f) => f.role === 'inbox')) found.unshift({ path: 'INBOX', role: 'inbox', delimiter: listed[0]?.delimiter ?? '/' });
  return found;
}
