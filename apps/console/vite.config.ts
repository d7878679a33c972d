import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.KYC_API_URL ?? 'http://127.0.0.1:3000';

// The console is static files served by the api at `/`; in development Vite serves it and proxies the api.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
