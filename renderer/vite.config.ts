// Vite build of the renderer: served by Electron from dist/renderer (file://, hence base './') and by
// `releve serve` over loopback HTTP. In dev, RELEVE_SERVE_URL proxies the WebSocket RPC to a running server.
// Type-checked with the Node files (tsconfig.node.json), not with the DOM-only renderer it builds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const serveUrl = process.env.RELEVE_SERVE_URL;

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    host: '127.0.0.1',
    proxy: serveUrl ? { '/rpc': { target: serveUrl, ws: true } } : undefined,
  },
});
