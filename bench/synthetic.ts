// Deterministic synthetic messages (French business mail) to fill a store to 100 000 rows for B6, written
// through commitBatch: the sync engine's own write path. Raw sources are short: B6 measures inbox queries.
import type { ParsedMessage } from '../electron/core/model.js';
import { commitBatch, getOrCreateFolder, insertMailbox, type DB } from '../electron/core/store/index.js';

let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const COMMON = ('bonjour merci devis facture commande livraison rendez-vous réunion planning équipe client ' +
  'fournisseur paiement relance contrat projet réponse question demande envoi document dossier semaine ' +
  'lundi mardi mercredi jeudi vendredi matin après-midi téléphone adresse société agence chantier').split(' ');
const RARE = 'Orléans Besançon Guérande Pézenas Sète Vézelay Étretat Nîmes Périgueux Angoulême Carcassonne Fécamp'.split(' ');
const NAMES = 'Éloïse Dupré|Jérôme Lefèvre|Amélie Roux|François Girard|Hélène Bonnet|Noé Mercier|Zoé Faure|Léo Chevalier'.split('|');

/** Words that B6 searches for: rare, two words, a sender, a prefix. */
export const B6_SEARCHES = ['orleans', 'reunion orleans', 'eloise dupre', 'fact'];

function words(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.01 ? pick(RARE) : pick(COMMON));
  return out.join(' ');
}

const START_MS = Date.parse('2022-01-01T00:00:00Z');
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;

function message(n: number): ParsedMessage {
  const name = pick(NAMES);
  const address = `${(name.split(' ')[0] as string).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@exemple.fr`;
  const subject = `${words(4)} n°${n}`;
  const body = words(120);
  const date = new Date(START_MS + Math.floor(rand() * SPAN_MS)).toISOString();
  return {
    uid: 0,
    flags: rand() < 0.8 ? ['\\Seen'] : [],
    size: 2000 + body.length,
    internal_date: date,
    modseq: null,
    message_id: `<b6-${n}@exemple.fr>`,
    subject,
    from: { name, address },
    to: [{ name: 'Contact', address: 'contact@societe.fr' }],
    cc: [],
    reply_to: [],
    date,
    snippet: body.slice(0, 140),
    body_text: body,
    has_attachments: rand() < 0.05,
    attachments: [],
    content_key: `b6-${n}`,
    parse_error: null,
    raw: Buffer.from(`From: ${name} <${address}>\r\nSubject: ${subject}\r\nDate: ${date}\r\n\r\n${body}\r\n`),
  };
}

/** `total` rows over 8 mailboxes, 15 % of them also present in a second mailbox (same Message-ID). */
export function fillStore(db: DB, total: number): void {
  const folders = Array.from({ length: 8 }, (_, i) => {
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
        active: false,
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
  let rows = 0;
  const flush = (f: (typeof folders)[number]) => {
    if (f.pending.length === 0) return;
    commitBatch(db, f.id, f.pending, { uidvalidity: '1', last_uid: f.nextUid - 1 });
    f.pending = [];
  };
  const add = (f: (typeof folders)[number], m: ParsedMessage) => {
    f.pending.push({ ...m, uid: f.nextUid++ });
    rows++;
    if (f.pending.length >= 500) flush(f);
  };
  for (let n = 1; rows < total; n++) {
    const home = Math.floor(rand() * folders.length);
    const m = message(n);
    add(folders[home] as (typeof folders)[number], m);
    if (rows < total && rand() < 0.15) add(folders[(home + 1) % folders.length] as (typeof folders)[number], m);
  }
  folders.forEach(flush);
}
