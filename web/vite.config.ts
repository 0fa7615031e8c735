import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from '../scripts/precompress';

const root = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(root, '../dist/web');

/** Writes .br and .gz copies of the built files, which the server sends as they are (decision 0018). */
function precompress(): Plugin {
  return {
    name: 'dingdian-precompress',
    apply: 'build',
    closeBundle() {
      const t = precompressDir(outDir);
      const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
      this.info(`precompressed ${t.files} files: ${kib(t.bytes)} → brotli ${kib(t.brotli)}, gzip ${kib(t.gzip)}`);
    },
  };
}

/**
 * The web app is built into dist/web and served by the API server (src/server/web.ts)
 * under a strict CSP (script-src 'self'): no inline scripts may be emitted.
 */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // the preload polyfill is an inline <script>, which the CSP refuses
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // react and the router change together and every page needs them: one chunk. antd is NOT one
        // group (that put 1.15 MB of every component any page uses into the first load): each lazy
        // page pulls the components it imports, shared pieces land in shared chunks (decision 0018).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
