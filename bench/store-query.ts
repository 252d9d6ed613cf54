// Inbox query speed at 100 000 messages: fills a temp database through commitBatch (the sync engine's path)
// and prints the median time of the first inbox page and of full-text searches over 20 runs each.
// Goals: first page ≤ 100 ms, search ≤ 50 ms.   Run: npx tsx bench/store-query.ts [messageCount]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMessage } from '../electron/core/model.js';
import {
  closeStore,
  commitBatch,
  openStore,
  getOrCreateFolder,
  insertMailbox,
  listMessages,
  type DB,
} from '../electron/core/store/index.js';
import type { MessageQuery } from '../shared/types.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const MAILBOXES = 8;
const BATCH = 500;
const RUNS = 20;
/** Share of messages that also arrive in a second mailbox (same Message-ID): exercises the collapse. */
const COPY_RATE = 0.15;

// Deterministic pseudo-random numbers (mulberry32) so that runs are comparable.
let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const COMMON = ('bonjour merci devis facture commande livraison rendez-vous réunion planning équipe client ' +
  'fournisseur paiement relance contrat projet réponse question demande envoi document dossier semaine ' +
  'lundi mardi mercredi jeudi vendredi matin après-midi téléphone adresse société agence chantier').split(' ');
const RARE = ('Orléans Besançon Guérande Pézenas Sète Vézelay Étretat Nîmes Saint-Émilion Périgueux Angoulême ' +
  'Carcassonne Montélimar Fécamp Bâle Genève').split(' ');
const NAMES = 'Éloïse Dupré|Jérôme Lefèvre|Amélie Roux|François Girard|Hélène Bonnet|Noé Mercier|Zoé Faure|Léo Chevalier'.split('|');

function words(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.01 ? pick(RARE) : pick(COMMON));
  return out.join(' ');
}

const START_MS = Date.parse('2022-01-01T00:00:00Z');
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;

function message(n: number, uid: number): ParsedMessage {
  const name = pick(NAMES);
  const address = `${name.split(' ')[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@exemple.fr`;
  const subject = `${words(4)} n°${n}`;
  const body = words(80);
  const date = new Date(START_MS + Math.floor(rand() * SPAN_MS)).toISOString();
  return {
    uid,
    flags: rand() < 0.8 ? ['\\Seen'] : [],
    size: 2000 + body.length,
    internal_date: date,
    modseq: null,
    message_id: `<bench-${n}@exemple.fr>`,
    subject,
    from: { name, address },
    to: [{ name: 'Contact', address: 'contact@societe.fr' }],
    cc: [],
    reply_to: [],
    date,
    snippet: body.slice(0, 140),
    body_text: body,
    has_attachments: false,
    attachments: [],
    content_key: `bench-${n}`,
    parse_error: null,
    raw: Buffer.from(`From: ${name} <${address}>\r\nSubject: ${subject}\r\nDate: ${date}\r\n\r\n${body}\r\n`),
  };
}

function fill(db: DB): { rows: number; seconds: number } {
  const folders = Array.from({ length: MAILBOXES }, (_, i) => {
    const mb = insertMailbox(
      db,
      {
        integration_type: 'imap',
        name: `Boîte ${i + 1}`,
        imap_server: 'imap.exemple.fr',
        imap_port: 993,
        email_address: `boite${i + 1}@societe.fr`,
        username: `boite${i + 1}@societe.fr`,
        password_enc: null,
        secret_kind: null,
        use_ssl: true,
        allow_insecure_auth: false,
        sync_interval_minutes: 15,
        active: true,
        color: '#336699',
        sync_window_days: null,
        sync_window_count: null,
        tls_fingerprint: null,
        preset_id: null,
      },
      new Date().toISOString(),
    );
    return { id: getOrCreateFolder(db, mb.id, 'INBOX').id, nextUid: 1, pending: [] as ParsedMessage[] };
  });
  const t0 = performance.now();
  let rows = 0;
  const flush = (f: (typeof folders)[number]) => {
    if (f.pending.length === 0) return;
    commitBatch(db, f.id, f.pending, { uidvalidity: '1', last_uid: f.nextUid - 1 });
    f.pending = [];
  };
  const add = (f: (typeof folders)[number], m: ParsedMessage) => {
    f.pending.push({ ...m, uid: f.nextUid++ });
    rows++;
    if (f.pending.length >= BATCH) flush(f);
  };
  for (let n = 1; rows < TOTAL; n++) {
    const home = Math.floor(rand() * MAILBOXES);
    const m = message(n, 0);
    add(folders[home]!, m);
    if (rows < TOTAL && rand() < COPY_RATE) add(folders[(home + 1) % MAILBOXES]!, m);
  }
  folders.forEach(flush);
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(db: DB, q: MessageQuery): { ms: number; total: number } {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    total = listMessages(db, q).total;
    times.push(performance.now() - t);
  }
  return { ms: median(times), total };
}

const dir = mkdtempSync(join(tmpdir(), 'releve-bench-'));
try {
  const file = join(dir, 'releve.db');
  const writer = openStore(file);
  const filled = fill(writer);
  closeStore(writer);
  // Measured as the app sees it after a restart: a fresh connection, statistics refreshed by openStore.
  const db = openStore(file);
  console.log(
    `filled ${filled.rows} messages via commitBatch in ${filled.seconds.toFixed(1)} s ` +
      `(${Math.round(filled.rows / filled.seconds)}/s), db ${(statSync(file).size / 1e6).toFixed(0)} MB`,
  );
  const cases: Array<[string, MessageQuery, number]> = [
    ['first page (collapsed, newest first)', { limit: 50 }, 100],
    ['first page, not collapsed', { limit: 50, collapse_duplicates: false }, 100],
    ['first page, unread only', { limit: 50, unread_only: true }, 100],
    ['first page, one mailbox', { limit: 50, mailbox_id: 1 }, 100],
    ['page at offset 5000', { limit: 50, offset: 5000 }, 100],
    ['search "orleans" (rare word)', { search: 'orleans' }, 50],
    ['search "reunion orleans" (two words)', { search: 'reunion orleans' }, 50],
    ['search "eloise dupre" (sender)', { search: 'eloise dupre' }, 50],
    ['search "fact" (prefix of a common word)', { search: 'fact' }, 50],
    ['search "eloise" + unread only', { search: 'eloise', unread_only: true }, 50],
    ['search "devis" in one mailbox', { search: 'devis', mailbox_id: 1 }, 50],
  ];
  console.log(`\nmedian of ${RUNS} runs (listMessages incl. total count)`);
  for (const [label, q, goal] of cases) {
    const r = time(db, q);
    console.log(`${label.padEnd(44)} ${r.ms.toFixed(2).padStart(8)} ms   goal ≤ ${goal} ms   ${r.ms <= goal ? 'ok' : 'SLOW'}   total ${r.total}`);
  }
  closeStore(db);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
