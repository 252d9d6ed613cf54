// Opens a provider's sign-in page outside the app: Electron's window-open handler sends http(s) URLs to the
// system browser; in a browser tab it opens a new tab. noopener: the page gets no handle on the app.
export function openExternal(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}
