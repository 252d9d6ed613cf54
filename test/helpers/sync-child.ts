// A separate process that runs one forced sync pass, so a test can SIGKILL it mid-sync.
// usage: node --import tsx test/helpers/sync-child.ts <dataDir> <caFile>
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/create-core.js';

const [dataDir, caFile] = process.argv.slice(2);
if (!dataDir || !caFile) throw new Error('usage: sync-child.ts <dataDir> <caFile>');
const core = createCore({ dataDir, tlsCa: [readFileSync(caFile, 'utf8')], locale: 'en' });
const results = await core.runOnce({ force: true });
await core.close();
process.stdout.write(JSON.stringify(results) + '\n');
