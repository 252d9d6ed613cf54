// A separate process running the core with its background outbox, so a test can SIGKILL it mid-send.
// usage: node --import tsx test/helpers/send-child.ts <dataDir> <caFile>   (caFile: PEMs, one after another)
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/create-core.js';

const [dataDir, caFile] = process.argv.slice(2);
if (!dataDir || !caFile) throw new Error('usage: send-child.ts <dataDir> <caFile>');
const pems = readFileSync(caFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const core = createCore({ dataDir, tlsCa: pems, locale: 'fr', idle: false, outbox: { undoSeconds: 0, retryBaseMs: 200 } });
core.on('outboxChanged', (o) => process.stdout.write(JSON.stringify({ id: o.id, state: o.state }) + '\n'));
core.startScheduler();
process.on('SIGTERM', () => {
  void core.close().then(() => process.exit(0));
});
