// Sorts the keys of the web client's dictionaries (tests/i18n.test.ts requires sorted keys).
import { readFileSync, writeFileSync } from 'node:fs';

for (const lang of ['en', 'ja', 'zh']) {
  const path = new URL(`../web/src/i18n/${lang}.json`, import.meta.url);
  const dict = JSON.parse(readFileSync(path, 'utf8'));
  const sorted = Object.fromEntries(
    Object.keys(dict)
      .sort()
      .map((k) => [k, dict[k]]),
  );
  writeFileSync(path, JSON.stringify(sorted, null, 2) + '\n');
}
