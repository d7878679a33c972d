#!/usr/bin/env node
// After `vite build`: the gzip size of the JavaScript the console's index.html loads before first render
// (the entry script, its modulepreloads and, from Vite's manifest, every static import they pull in).
// Lazy route chunks are not counted. Prints the figure, writes dist/console/size.json, fails above the limit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 400;
const dir = join(import.meta.dirname, '..', 'dist', 'console');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const manifestFile = join(dir, '.vite', 'manifest.json');
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};

const initial = new Set();
const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]+)"`))?.[1];
for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
  const isScript = tag.startsWith('<script') && attr(tag, 'type') === 'module';
  const isPreload = tag.startsWith('<link') && attr(tag, 'rel') === 'modulepreload';
  const url = isScript ? attr(tag, 'src') : isPreload ? attr(tag, 'href') : undefined;
  if (url?.endsWith('.js')) initial.add(url.replace(/^\//, ''));
}
// Static imports of what is already counted (Vite lists them as modulepreloads too; this is the cross-check).
const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
const pending = [...initial];
while (pending.length) {
  const chunk = byFile.get(pending.pop());
  for (const key of chunk?.imports ?? []) {
    const file = manifest[key]?.file;
    if (file && !initial.has(file)) {
      initial.add(file);
      pending.push(file);
    }
  }
}
if (!initial.size) {
  process.stderr.write('console-size: index.html loads no module script; was the console built?\n');
  process.exit(1);
}

const files = [...initial].sort().map((file) => {
  const body = readFileSync(join(dir, file));
  return { file, bytes: body.length, gzip_bytes: gzipSync(body, { level: 9 }).length };
});
const total = files.reduce((n, f) => n + f.gzip_bytes, 0);
const raw = files.reduce((n, f) => n + f.bytes, 0);
const kb = (n) => (n / 1024).toFixed(1);
const pass = total <= LIMIT_KB * 1024;
writeFileSync(
  join(dir, 'size.json'),
  JSON.stringify(
    { initial_js_gzip_bytes: total, initial_js_bytes: raw, limit_kb: LIMIT_KB, pass, files },
    null,
    2,
  ) + '\n',
);
process.stdout.write(
  `console: initial JavaScript ${kb(total)} KB gzip (${kb(raw)} KB raw, ${files.length} files; limit ${LIMIT_KB} KB) ${pass ? 'PASS' : 'FAIL'}\n`,
);
if (!pass) process.exit(1);
