// Runs every benchmark in bench/ in turn. Each prints its own figures.
import { readdirSync } from 'node:fs';

for (const file of readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'run.ts').sort()) {
  process.stdout.write(`\n## ${file}\n`);
  await import(new URL(file, import.meta.url).href);
}
