// A writer whose direct (O_DIRECT) writes start failing in the background: run under `prlimit --fsize`, so the pack
// cannot grow past the limit (EFBIG). Writes sources ahead past it, then asks for them durable; prints what each
// step said, as JSON, on its last line.
// usage: prlimit --fsize=<bytes> node --import tsx test/helpers/direct-fail-child.ts <store file> <MiB to write>
import path from 'node:path';
import { ReleveError } from '../../shared/errors.js';
import { openStore } from '../../electron/core/store/index.js';
import { PackWriter } from '../../electron/core/store/source-packs.js';

process.on('SIGXFSZ', () => undefined); // a write past the limit then fails with EFBIG instead of killing us

const [file, mib] = process.argv.slice(2);
if (!file || !mib) throw new Error('usage: direct-fail-child.ts <store file> <MiB to write>');
const db = openStore(file);
const w = new PackWriter(db, path.join(path.dirname(file), 'sources'));
const sources: Buffer[] = [];
const said: Record<string, string | number | null> = { writeError: null, durableError: null };
const codeOf = (err: unknown) => (err instanceof ReleveError ? `${err.code} ${err.detail ?? ''}`.trim() : String(err));
// Whole MiB (the stage's size) in 256 KiB sources, with a pause after each: every stage is written on the pool,
// and the one past the limit fails there, with nothing left for durable() to write itself.
for (let i = 0; i < Number(mib) * 4; i++) {
  const raw = Buffer.alloc(256 * 1024, i % 251);
  sources.push(raw);
  try {
    w.writeMany([raw]);
  } catch (err) {
    said.writeError ??= codeOf(err);
  }
  if (i % 4 === 3) await new Promise((r) => setTimeout(r, 50));
}
try {
  await w.durable(sources);
  said.durableError = 'none';
} catch (err) {
  said.durableError = codeOf(err);
}
console.log(JSON.stringify(said));
db.close();
