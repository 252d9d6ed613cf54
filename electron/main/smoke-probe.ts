// RELEVE_SMOKE=1 (scripts/electron-smoke.mjs): once the page has loaded, check from inside the page that the
// bridge is exactly { api, on, shell }, that Node is out of reach, and that a call goes page → preload → IPC
// host → core and back. Prints one line the smoke script waits for.
import type { BrowserWindow } from 'electron';

export const SMOKE_OK = 'RELEVE_SMOKE_OK';
export const SMOKE_FAIL = 'RELEVE_SMOKE_FAIL';

// Runs in the page's main world, like the renderer's own code.
const PROBE = `(async () => {
  const r = window.releve;
  if (!r) return 'no window.releve';
  const keys = Object.keys(r).sort().join(',');
  if (keys !== 'api,on,shell') return 'bridge keys: ' + keys;
  if (typeof require !== 'undefined' || typeof process !== 'undefined') return 'Node globals reachable from the page';
  const boxes = await r.api.listMailboxes();
  if (!Array.isArray(boxes)) return 'listMailboxes did not return a list';
  const settings = await r.api.getSettings();
  const off = r.on('statusChanged', () => {});
  off();
  try { r.on('notAnEvent', () => {}); return 'unknown event accepted'; } catch {}
  try { await r.api.getMailbox({ id: -1 }); return 'getMailbox(-1) resolved'; } catch (e) {
    if (!e || typeof e.code !== 'string') return 'error without code: ' + String(e && e.message);
  }
  return 'ok mailboxes=' + boxes.length + ' locale=' + settings.locale + ' desktop=' + r.shell.isDesktop;
})()`;

export async function runSmokeProbe(win: BrowserWindow): Promise<{ ok: boolean; line: string }> {
  try {
    const result: unknown = await win.webContents.executeJavaScript(PROBE, true);
    const text = String(result);
    return text.startsWith('ok ') ? { ok: true, line: `${SMOKE_OK} ${text.slice(3)}` } : { ok: false, line: `${SMOKE_FAIL} ${text}` };
  } catch (err) {
    return { ok: false, line: `${SMOKE_FAIL} ${err instanceof Error ? err.message : String(err)}` };
  }
}
