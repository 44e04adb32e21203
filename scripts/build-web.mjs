// Builds the web client into web/dist: one bundled, minified script plus index.html and the stylesheet.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = new URL('../web/dist/', import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL('../web/src/main.tsx', import.meta.url).pathname],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: new URL('app.js', out).pathname,
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css', 'favicon.svg']) cpSync(new URL(`../web/${file}`, import.meta.url), new URL(file, out));
