// The folder a message shows in: the one a queued move sends it to, else where it is on the server. Written once
// because the list views' index (messages_shown_sort, migration 006) is on this exact expression: SQLite uses it
// only when a query spells the expression the same way.
export function shownFolder(alias: string): string {
  return `COALESCE(${alias}.pending_folder_id, ${alias}.folder_id)`;
}
