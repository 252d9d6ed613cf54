// Real Chromium (the system one: playwright's own download is not allowed here) driven by playwright-core,
// and a log of every request any page or frame of the context makes.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Request } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed (${CHROMIUM_PATH} is missing). The e2e tests drive the real browser: ` +
        'run `bash scripts/ensure-test-deps.sh` (apt-get install chromium) and try again.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface LoggedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** URL of the frame that made it ('' for service workers and the like). */
  frameUrl: string;
}

/** Every request of every page and frame of the context (iframes included), in order. */
export class NetworkLog {
  readonly requests: LoggedRequest[] = [];

  constructor(context: BrowserContext) {
    context.on('request', (r: Request) => this.requests.push(describe(r)));
  }

  /** Requests made from now on, as a live view. */
  mark(): { since(): LoggedRequest[] } {
    const start = this.requests.length;
    return { since: () => this.requests.slice(start) };
  }
}

function describe(r: Request): LoggedRequest {
  let frameUrl = '';
  try {
    frameUrl = r.frame().url();
  } catch {
    // Service-worker requests have no frame.
  }
  return { url: r.url(), method: r.method(), resourceType: r.resourceType(), frameUrl };
}
