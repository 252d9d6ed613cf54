// The Content-Security-Policy the window enforces by response header, the same as the renderer's <meta> so
// that a page served without the tag (dev server, a tampered file) is still confined.
const PRODUCTION_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob: https: http:"],
  ['connect-src', "'self'"],
  ['frame-src', "'self' about: data:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/**
 * In development the Vite dev server needs its inline React-refresh preamble and its HMR WebSocket; both are
 * allowed only for that one origin and only when RELEVE_RENDERER_URL is set.
 */
export function contentSecurityPolicy(devServerOrigin?: string | null): string {
  return PRODUCTION_DIRECTIVES.map(([name, value]) => {
    if (devServerOrigin && name === 'script-src') return `${name} ${value} 'unsafe-inline' ${devServerOrigin}`;
    if (devServerOrigin && name === 'connect-src') {
      const ws = devServerOrigin.replace(/^http/, 'ws');
      return `${name} ${value} ${devServerOrigin} ${ws}`;
    }
    return `${name} ${value}`;
  }).join('; ');
}
