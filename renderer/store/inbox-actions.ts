// What a message action does to the rows on screen before the core answers (issue 14): read/star change the
// row, archive/delete/move/not-spam take it out of a view it no longer belongs to. Pure, so it is unit-tested.
import type { FolderView, MessageAction, MessageSummary } from '../../shared/types.js';

/** Whether the row stays in `view` after `action` (moves leave every view but All and their destination). */
export function staysInView(m: MessageSummary, action: MessageAction, view: FolderView): boolean {
  if (view === 'all') return !(action === 'delete' && m.folder_role === 'trash');
  switch (action) {
    case 'archive':
      return view === 'archive';
    case 'delete':
      return view === 'trash' && m.folder_role !== 'trash';
    case 'not-spam':
      return view === 'inbox';
    case 'move':
      return false;
    default:
      return true;
  }
}

export function changedRow(m: MessageSummary, action: MessageAction): MessageSummary {
  switch (action) {
    case 'read':
      return { ...m, seen: true };
    case 'unread':
      return { ...m, seen: false };
    case 'flag':
      return { ...m, flagged: true };
    case 'unflag':
      return { ...m, flagged: false };
    default:
      return m;
  }
}

/**
 * Applies the action to cached pages: rows change in place, rows leaving the view are removed and the pages
 * re-flow so the list does not show holes. Returns the new pages and how many rows left.
 */
export function applyToPages(
  pages: Record<number, MessageSummary[]>,
  ids: ReadonlySet<number>,
  action: MessageAction,
  view: FolderView,
  pageSize: number,
): { pages: Record<number, MessageSummary[]>; removed: number } {
  const keys = Object.keys(pages).map(Number).sort((a, b) => a - b);
  let removed = 0;
  const out: Record<number, MessageSummary[]> = {};
  for (const k of keys) {
    const rows: MessageSummary[] = [];
    for (const m of pages[k] ?? []) {
      if (!ids.has(m.id)) rows.push(m);
      else if (staysInView(m, action, view)) rows.push(changedRow(m, action));
      else removed++;
    }
    out[k] = rows;
  }
  if (removed === 0) return { pages: out, removed };
  // Only contiguous runs from page 0 can be re-flowed exactly; later pages are simply refetched.
  const flat: MessageSummary[] = [];
  let k = 0;
  while (out[k]) flat.push(...(out[k++] as MessageSummary[]));
  const reflowed: Record<number, MessageSummary[]> = {};
  for (let p = 0; p * pageSize < flat.length; p++) reflowed[p] = flat.slice(p * pageSize, (p + 1) * pageSize);
  // The last contiguous page is now short: drop it so it is fetched again with its new rows.
  if (k > 0 && flat.length % pageSize !== 0 && Object.keys(reflowed).length > 0) delete reflowed[Math.floor(flat.length / pageSize)];
  return { pages: reflowed, removed };
}
