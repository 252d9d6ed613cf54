// One isolated world per test file: a private Dovecot, the real core on a temp data dir, `releve serve`'s
// server (REST + WebSocket RPC + the freshly built renderer) on a free loopback port, and Chromium on it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCore } from '../../../electron/core/create-core.js';
import type { Core, CoreOptions } from '../../../electron/core/model.js';
import { startServer } from '../../../electron/server/start-server.js';
import type { RunningServer } from '../../../electron/server/start-server.js';
import type { Locale, Mailbox, MailboxInput } from '../../../shared/types.js';
import { startDovecot } from '../../fixtures/dovecot.js';
import type { DovecotHandle, DovecotUser, StartDovecotOptions } from '../../fixtures/dovecot.js';
import { makeTmpDir } from '../../helpers/tmp-dir.js';
import type { TmpDir } from '../../helpers/tmp-dir.js';
import { launchChromium, NetworkLog } from './browser.js';
import { buildRenderer } from './renderer-build.js';
import type { BuiltRenderer } from './renderer-build.js';

export interface E2EOptions {
  users: DovecotUser[];
  /** The core's default language (what the OS would say) and the browser's. */
  locale: Locale;
  /**
   * Default on, as in `releve serve`. Off for files that drive every sync by hand: an open IDLE connection
   * would sync new mail by itself, and would stay logged in after a password change.
   */
  idle?: boolean;
  /** More Dovecot settings (e.g. `oauth2`: also accept tokens checked by the test authorization server). */
  dovecot?: Omit<StartDovecotOptions, 'users'>;
  /** The core's OAuth2 provider configuration (CoreOptions.oauth), e.g. an issuer pointed at the test server. */
  oauth?: CoreOptions['oauth'];
  /** Listening-link and health timings (short in tests of the outage story). */
  idleOptions?: Exclude<CoreOptions['idle'], false | undefined>;
  health?: CoreOptions['health'];
  /** More CAs the core trusts (e.g. a test SMTP server's certificate). */
  extraCa?: string[];
  /** The core's outbox settings (undo delay, retry delay). */
  outbox?: CoreOptions['outbox'];
}

export interface E2EStack {
  dovecot: DovecotHandle;
  core: Core;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  net: NetworkLog;
  /** The address `releve serve` prints: the UI with its token in the fragment. */
  appUrl: string;
  /** Opens the UI and waits until it has loaded its data. */
  open(): Promise<void>;
  /** Creates a mailbox for a fixture user through the API (setup for tests that are not about the wizard). */
  addMailbox(user: string, extra?: Partial<MailboxInput>): Promise<Mailbox>;
  stop(): Promise<void>;
}

export async function startE2E(opts: E2EOptions): Promise<E2EStack> {
  const cleanups: Array<() => Promise<void> | void> = [];
  // An uncaught exception in the renderer is a defect even when the screen looked right.
  const pageErrors: string[] = [];
  // Everything is torn down even when one step fails; the first failure is reported.
  const stop = async () => {
    const failures: unknown[] = [];
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch((e: unknown) => failures.push(e));
    cleanups.length = 0;
    if (failures.length > 0) throw failures[0];
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the page:\n${pageErrors.join('\n')}`);
  };
  try {
    const renderer: BuiltRenderer = buildRenderer();
    cleanups.push(() => renderer.remove());
    const dovecot = await startDovecot({ ...opts.dovecot, users: opts.users });
    cleanups.push(() => dovecot.stop());
    const dir: TmpDir = makeTmpDir('releve-e2e-');
    cleanups.push(() => dir.remove());
    const core = createCore({
      dataDir: path.join(dir.path, 'data'),
      tlsCa: [dovecot.caPem, ...(opts.extraCa ?? [])],
      locale: opts.locale,
      ...(opts.outbox ? { outbox: opts.outbox } : {}),
      ...(opts.idle === false ? { idle: false as const } : opts.idleOptions ? { idle: opts.idleOptions } : {}),
      ...(opts.health ? { health: opts.health } : {}),
      ...(opts.oauth ? { oauth: opts.oauth } : {}),
    });
    cleanups.push(() => core.close());
    const token = randomBytes(24).toString('base64url');
    const server = await startServer({ core, port: 0, token, rendererDir: renderer.dir, locale: opts.locale });
    cleanups.push(() => server.close());
    // As `releve serve` does: the background schedule runs during the tests.
    core.startScheduler();
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: opts.locale === 'fr' ? 'fr-FR' : 'en-US',
      timezoneId: 'Europe/Paris',
    });
    // Every wait in these tests is for something that takes well under a second here; a stuck screen
    // should fail fast rather than after Playwright's default 30 s.
    context.setDefaultTimeout(15_000);
    const net = new NetworkLog(context);
    const page = await context.newPage();
    const appUrl = `${server.url.replace(/\/$/, '')}/#token=${token}`;
    page.on('pageerror', (e) => pageErrors.push(e.message));

    return {
      dovecot,
      core,
      server,
      browser,
      context,
      page,
      net,
      appUrl,
      async open() {
        await page.goto(appUrl);
        await page.locator('main.main[aria-busy="false"]').waitFor();
      },
      async addMailbox(user, extra = {}) {
        const u = dovecot.users.find((x) => x.user === user);
        if (!u) throw new Error(`no fixture user ${user}`);
        return core.api.createMailbox({
          name: user,
          imap_server: dovecot.host,
          imap_port: dovecot.imapsPort ?? dovecot.imapPort,
          email_address: u.user,
          email_password: u.password,
          use_ssl: true,
          sync_interval_minutes: 60,
          ...extra,
        });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
