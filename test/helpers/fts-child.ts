// A writer process killed with text not yet indexed for search (store/fts-deferred.ts): it commits a few
// messages through the parse worker's writer (indexed only every few MiB), says so, then waits for SIGKILL.
// usage: node --import tsx test/helpers/fts-child.ts <store file> <count>
import { ParsePool } from '../../electron/core/parse/parse-pool.js';
import { getOrCreateFolder, openStore, updateFolderState } from '../../electron/core/store/index.js';
import { makeMessage } from '../fixtures/messages.js';
import { addMailbox } from '../core/store-fixtures.js';

const [file, n] = process.argv.slice(2);
if (!file || !n) throw new Error('usage: fts-child.ts <store file> <count>');
const db = openStore(file);
const folderId = getOrCreateFolder(db, addMailbox(db).id, 'INBOX').id;
updateFolderState(db, folderId, { uidvalidity: '7' });
const pool = new ParsePool(1);
const writer = await pool.writerFor(db);
const staged = [];
for (let uid = 1; uid <= Number(n); uid++) {
  const text = makeMessage({ subject: `Facture ${uid}`, body: `Relance numero${uid} pour la commande orange.\n`, messageId: `<crash-${uid}@x>` });
  const own = Buffer.alloc(Buffer.byteLength(text));
  own.write(text);
  staged.push(await writer.stage(own, { uid, flags: [], size: own.length, internal_date: null, modseq: null }));
}
await writer.commit(folderId, staged.map((s) => s.id), { last_uid: Number(n) });
process.stdout.write('committed\n');
setInterval(() => undefined, 60_000); // until killed
