// Every UI string exists in all three dictionaries, and every key the web client uses exists.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../web/src/i18n/', import.meta.url).pathname;
const dicts = Object.fromEntries(['en', 'ja', 'zh'].map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>]));

// One test per dictionary (a mismatch lists every key at once), not one assertion per key.
const params = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
for (const lang of ['en', 'ja', 'zh']) {
  t.test(`${lang}: the same keys as en, none empty, the same placeholders`, async (t) => {
    const dict = dicts[lang]!;
    const en = dicts.en!;
    t.same(
      Object.keys(en).filter((k) => !(k in dict)),
      [],
      `missing in ${lang}`,
    );
    t.same(
      Object.keys(dict).filter((k) => !(k in en)),
      [],
      `only in ${lang}`,
    );
    t.same(
      Object.keys(dict).filter((k) => !dict[k]!.trim()),
      [],
      `empty in ${lang}`,
    );
    t.same(
      Object.keys(en).filter((k) => k in dict && params(dict[k]!) !== params(en[k]!)),
      [],
      `placeholders differ from en in ${lang}`,
    );
    // Sorted keys keep parallel changes to the dictionaries apart (and merge without conflicts).
    t.same(Object.keys(dict), [...Object.keys(dict)].sort(), `keys of ${lang} in sorted order (node scripts/sort-i18n.mjs)`);
  });
}

t.test("no English written into the web client's markup: text nodes and shown attributes come from the dictionaries", async (t) => {
  // Parsed with TypeScript: JSX text with a letter, and string or template literals with a letter that become a
  // text node (directly, or through &&, ||, ??, + or a ?: branch) or a shown attribute. Literals inside a call
  // (t('key'), a URL builder) are the call's business.
  const ts = (await import('typescript')).default;
  const SHOWN = new Set(['placeholder', 'aria-label', 'title', 'alt', 'label', 'confirm', 'undo', 'aria-description', 'aria-valuetext']);
  const PASS_THROUGH = new Set([
    ts.SyntaxKind.AmpersandAmpersandToken,
    ts.SyntaxKind.BarBarToken,
    ts.SyntaxKind.QuestionQuestionToken,
    ts.SyntaxKind.PlusToken,
  ]);
  const LETTER = /[A-Za-z]/;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.tsx')) files.push(join(d, e.name));
    }
  };
  const root = new URL('../web/src/', import.meta.url).pathname;
  walk(root);
  const found: string[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const at = (n: import('typescript').Node, what: string) =>
      found.push(`${f.slice(root.length)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what}`);
    const text = (n: import('typescript').Node) =>
      ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ') : (n as import('typescript').StringLiteral).text;
    const visit = (n: import('typescript').Node): void => {
      if (ts.isJsxText(n) && LETTER.test(n.text)) at(n, JSON.stringify(n.text.trim()));
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && LETTER.test(text(n))) {
        let p = n.parent;
        while (
          p &&
          (ts.isParenthesizedExpression(p) ||
            ts.isConditionalExpression(p) ||
            ts.isAsExpression(p) ||
            (ts.isBinaryExpression(p) && PASS_THROUGH.has(p.operatorToken.kind)))
        )
          p = p.parent;
        if (p && ts.isJsxExpression(p) && !ts.isJsxAttribute(p.parent)) at(n, n.getText());
        const attr = p && ts.isJsxExpression(p) && ts.isJsxAttribute(p.parent) ? p.parent : p && ts.isJsxAttribute(p) ? p : null;
        if (attr && SHOWN.has(attr.name.getText())) at(n, `${attr.name.getText()}=${n.getText()}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  t.ok(files.length > 30, `read the web client (${files.length} files)`);
  t.same(found, [], 'hard-coded text shown to users (put it in web/src/i18n/{en,ja,zh}.json)');
});

t.test('every literal key used by the web client exists', async (t) => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.tsx?$/.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(new URL('../web/src/', import.meta.url).pathname);
  const used = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
  t.ok(used.size > 10, 'found the keys in use');
  t.same(
    [...used].filter((k) => !(k in dicts.en!)),
    [],
    'keys used but not defined',
  );
});

/** The labels missing for `values` under `prefix` in any of the three dictionaries. A counted message
 * (`<key>_one` / `<key>_other`, see web/src/i18n/rules.ts) labels its value through its `_other` form. */
const hasLabel = (lang: string, key: string) => Boolean(dicts[lang]![key] ?? dicts[lang]![`${key}_other`]);
const missingLabels = (prefix: string, values: readonly string[]) =>
  values.flatMap((v) => ['en', 'ja', 'zh'].filter((lang) => !hasLabel(lang, `${prefix}.${v}`)).map((lang) => `${lang}: ${prefix}.${v}`));

t.test('every value the server can send has a label in en, ja and zh', async (t) => {
  // The app loads every module, so every event type is registered (the catalog and each module's own).
  await import('../src/app.js');
  const schema: Record<string, unknown> = await import('../src/db/schema/index.js');
  const { ISSUE_HISTORY_KINDS } = await import('../src/db/schema/index.js');
  const { THEMES } = await import('../src/modules/roundtables/roundtables.service.js');
  const { COMMANDS } = await import('../src/modules/issues/issues.state-machine.js');
  const { NOTICE_KINDS } = await import('../src/modules/notifications/notifications.kinds.js');
  const { ChainStepKind } = await import('../src/modules/outcomes/outcomes.schemas.js');
  const { EVENT_KINDS } = await import('../src/lib/event-kinds.js');
  const { eventTypeSchemas } = await import('../src/live/event-types.js');

  // Every database enum, found in the schema (a new enum fails here until it is given its labels'
  // prefix, or a reason why no one reads it).
  const enums = Object.values(schema).filter(
    (v): v is { enumName: string; enumValues: string[] } =>
      typeof v === 'function' && 'enumName' in v && Array.isArray((v as { enumValues?: unknown }).enumValues),
  );
  t.ok(enums.length >= 15, `found the database enums (${enums.map((e) => e.enumName).join(', ')})`);
  const PREFIX: Record<string, string | { unshown: string }> = {
    role: 'role',
    language: 'language',
    organization_kind: 'org.kind',
    round_table_status: 'rt.status',
    round_table_audience: 'rt.audience',
    registration_status: 'rt.registration',
    agenda_item_kind: 'rt.kind',
    issue_category: 'category',
    issue_visibility: 'visibility',
    issue_state: 'issueState',
    notification_category: 'prefs.category',
    delivery_mode: 'prefs.mode',
    outbox_status: 'outbox.status',
    minutes_status: 'outcomes.minutes',
    decision_kind: 'outcomes.kind',
    action_status: 'outcomes.status',
    reminder_kind: { unshown: 'which reminder went out is bookkeeping; the notice says the due date' },
  };
  t.same(
    enums.map((e) => e.enumName).filter((name) => !(name in PREFIX)),
    [],
    'every database enum has a label prefix',
  );
  const eventTypes = Object.keys(eventTypeSchemas());
  t.ok(eventTypes.length >= 40, `found the registered event types (${eventTypes.length})`);
  const chainKinds = (ChainStepKind as unknown as { anyOf: { const: string }[] }).anyOf.map((k) => k.const);

  const labelled: [string, readonly string[]][] = [
    ...enums.flatMap((e): [string, readonly string[]][] => {
      const prefix = PREFIX[e.enumName];
      return typeof prefix === 'string' ? [[prefix, e.enumValues]] : [];
    }),
    ['rt.theme', THEMES],
    // A transition is shown by the state it reached (issueState.*).
    ['history', ISSUE_HISTORY_KINDS.filter((k) => k !== 'transition')],
    // Commands appear as buttons and in refusals (COMMAND_NOT_ALLOWED names one).
    ['issues.cmd', COMMANDS],
    ['notify', NOTICE_KINDS],
    ['chain', chainKinds],
    ['audit.kind', EVENT_KINDS],
    ['audit.type', eventTypes],
  ];
  const missing = labelled.flatMap(([prefix, values]) => missingLabels(prefix, values));
  t.same(missing, [], 'no value shows as a raw key');
});
