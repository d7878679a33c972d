import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.KYC_API_URL ?? 'http://127.0.0.1:3000';

/** A gzip copy beside every text file of the build: the api sends it to browsers that accept gzip. */
const gzipCopies = (): Plugin => ({
  name: 'kyc-gzip-copies',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const file of Object.keys(bundle).filter((f) => /\.(js|css|html|svg)$/.test(f))) {
      const path = join(options.dir!, file);
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
    }
  },
});

// The console is static files served by the api at `/`; in development Vite serves it and proxies the api.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), gzipCopies()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // scripts/console-size.mjs reads the manifest to find what index.html loads up front.
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(['/admin', '/health', '/docs', '/docs-json'].map((p) => [p, api])),
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
