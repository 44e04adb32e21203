// The allowed arrows between the parts of src/ (ARCHITECTURE.md), checked on the real import graph:
// a new import that crosses a boundary, reaches another module's repo or tables, or closes a cycle
// fails here with the file and the rule it breaks.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = new URL('../src/', import.meta.url).pathname;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name), out);
    else if (e.name.endsWith('.ts')) out.push(relative(SRC, join(dir, e.name)));
  }
  return out;
}

interface Import {
  target: string;
  names: string[];
  typeOnly: boolean;
}

/** Static, side-effect and dynamic imports of relative files, with the names imported. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const found: Import[] = [];
  const add = (spec: string, clause: string, typeOnly: boolean) => {
    if (!spec.startsWith('.')) return;
    const target = relative(SRC, resolve(dirname(join(SRC, file)), spec.replace(/\.js$/, '.ts')));
    const names = [...clause.matchAll(/(?:^|[{,])\s*(?:type\s+)?(\w+)/g)].map((m) => m[1]!);
    found.push({ target, names, typeOnly });
  };
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/gm)) add(m[4]!, m[3]!, !!m[2]);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) add(m[1]!, '', false);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) add(m[1]!, '', false);
  return found;
}

const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

// Which module owns each table: the schema file's name, except where a module's tables share a file.
const SCHEMA_OWNER: Record<string, string> = {
  events: 'live',
  'live-tickets': 'live',
  'live-sessions': 'live-session',
  sessions: 'auth',
};
const schemaOwner = (f: string) => SCHEMA_OWNER[f.slice('db/schema/'.length, -3)] ?? f.slice('db/schema/'.length, -3);
/** Owner by the table's TypeScript name (imports) and by its SQL name (raw SQL). */
const tableOwner = new Map<string, string>();
const sqlTableOwner = new Map<string, string>();
for (const f of files.filter((f) => f.startsWith('db/schema/') && f !== 'db/schema/index.ts')) {
  for (const m of readFileSync(join(SRC, f), 'utf8').matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) {
    tableOwner.set(m[1]!, schemaOwner(f));
    sqlTableOwner.set(m[2]!, schemaOwner(f));
  }
}
// People and organizations are the directory every module shows names from: modules may read (join)
// these tables for display; only their own modules write them (writes are reviewed, not checked here).
const DIRECTORY_TABLES = new Set(['users', 'organizations']);

const SEED_BOOTSTRAP = new Set(['db/seed/identity.ts', 'db/seed/index.ts']);

const moduleOf = (f: string) => (f.startsWith('modules/') ? f.split('/')[1]! : null);
// Notifications are a module like the others: everyone calls it through notifications.links.ts.
const isContract = (f: string) => /\.(links|access|schemas)\.ts$/.test(f);
const inDir = (f: string, ...dirs: string[]) => dirs.some((d) => (d.endsWith('.ts') ? f === d : f.startsWith(d)));

/** Why an import from `from` to `to` is not allowed, or null. */
function violation(from: string, imp: Import): string | null {
  const to = imp.target;
  if (from.startsWith('lib/')) return inDir(to, 'lib/') ? null : 'lib imports only lib';
  if (from.startsWith('db/schema/')) return inDir(to, 'db/schema/', 'lib/') ? null : 'schema imports only schema and lib';
  if (from.startsWith('db/seed/')) {
    if (inDir(to, 'db/seed/', 'db/client.ts', 'lib/')) return null;
    // The first organizations and accounts cannot be invited by anyone: the identity bootstrap writes them.
    if (inDir(to, 'db/schema/')) return imp.typeOnly || SEED_BOOTSTRAP.has(from) ? null : 'seed writes through services, not tables';
    if (imp.typeOnly) return null;
    return /^modules\/[^/]+\/[^/]+\.ts$/.test(to) && !/\.(repo|routes)\.ts$/.test(to) ? null : 'seed calls services (the same rules as users)';
  }
  if (from.startsWith('db/')) return inDir(to, 'db/', 'lib/', 'config.ts') ? null : 'db imports db, lib and config';
  if (from.startsWith('live/')) return inDir(to, 'live/', 'db/client.ts', 'db/schema/', 'lib/', 'config.ts') ? null : 'the live layer knows no module';
  if (from.startsWith('plugins/')) {
    if (inDir(to, 'plugins/', 'lib/', 'config.ts', 'db/', 'live/')) return null;
    return /^modules\/[^/]+\/[^/]+\.service\.ts$/.test(to) ? null : 'plugins reach modules through their services only';
  }
  const mod = moduleOf(from);
  if (mod) {
    const toMod = moduleOf(to);
    if (from.endsWith('.routes.ts')) {
      if (toMod === mod) return to.endsWith('.repo.ts') ? 'routes call services, never repos' : null;
      if (toMod) return to.endsWith('.schemas.ts') ? null : `routes call their own module's services only (${to})`;
      if (inDir(to, 'db/')) return 'routes run no SQL';
      // The live layer (tickets, streams, caches) is reached through the module's services too.
      if (inDir(to, 'live/')) return 'routes call services, never the live layer';
      return inDir(to, 'lib/', 'config.ts', 'plugins/auth.ts') ? null : `routes may not import ${to}`;
    }
    if (to.endsWith('.routes.ts') && to !== from) return toMod === mod && from.endsWith('.routes.ts') ? null : 'only routes import routes';
    if (toMod && toMod !== mod && !isContract(to)) return `another module's internals (${to}); use its .links/.access contract`;
    // A schema file holds its module's tables (and their enums): another module reads them through a contract.
    if (to.startsWith('db/schema/') && to !== 'db/schema/index.ts' && schemaOwner(to) !== mod && !DIRECTORY_TABLES.has(schemaOwner(to)))
      return `imports another module's schema file (${to})`;
    if (to === 'db/schema/index.ts' && !imp.typeOnly) {
      const foreign = imp.names.filter((n) => tableOwner.has(n) && tableOwner.get(n) !== mod && !DIRECTORY_TABLES.has(n));
      if (foreign.length) return `reads another module's tables: ${foreign.join(', ')}`;
    }
    if (inDir(to, 'plugins/', 'app.ts', 'server.ts')) return 'modules do not import plugins or the app (routes may use plugins/auth)';
    return null;
  }
  if (from === 'app.ts' || from === 'server.ts' || from === 'config.ts') return null;
  return `unclassified file ${from}`;
}

t.test('every import follows the allowed arrows', async (t) => {
  const broken: string[] = [];
  for (const [from, imps] of graph)
    for (const imp of imps) {
      const why = violation(from, imp);
      if (why) broken.push(`${from} -> ${imp.target}: ${why}`);
    }
  t.same(broken, [], 'no import crosses a boundary');
});

t.test('no import cycle between files', async (t) => {
  // Tarjan's strongly connected components over value imports (type-only imports vanish at run time).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    onStack.add(v);
    for (const { target: w, typeOnly } of graph.get(v) ?? []) {
      if (typeOnly || !graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) cycles.push(scc.sort());
    }
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  t.same(cycles, [], 'no cycles');
});

t.test('the checker itself rejects a forbidden arrow', async (t) => {
  // Guards the guard: if the rules were loosened to allow anything, this fails.
  t.ok(violation('live/hub.ts', { target: 'modules/issues/issues.service.ts', names: [], typeOnly: false }));
  t.ok(violation('modules/issues/issues.routes.ts', { target: 'modules/issues/issues.repo.ts', names: [], typeOnly: false }));
  t.ok(violation('modules/roundtables/x.repo.ts', { target: 'db/schema/index.ts', names: ['issues'], typeOnly: false }));
  t.ok(violation('modules/live-session/session.service.ts', { target: 'modules/roundtables/roundtables.repo.ts', names: [], typeOnly: false }));
  t.equal(violation('modules/roundtables/x.repo.ts', { target: 'db/schema/index.ts', names: ['users', 'roundTables'], typeOnly: false }), null);
  // Feed rows and the outbox are the notifications module's: others go through notifications.links.ts.
  t.ok(violation('modules/issues/issues.repo.ts', { target: 'db/schema/index.ts', names: ['feedItems'], typeOnly: false }));
  t.ok(violation('modules/issues/issues.notify.ts', { target: 'modules/notifications/notifications.service.ts', names: [], typeOnly: false }));
  t.equal(violation('modules/issues/issues.notify.ts', { target: 'modules/notifications/notifications.links.ts', names: ['deliver'], typeOnly: false }), null);
  // Translations: other modules match translated text through translations.links, never the table itself.
  t.ok(violation('modules/issues/issues.lists.ts', { target: 'db/schema/index.ts', names: ['translations'], typeOnly: false }));
  t.ok(violation('modules/issues/issues.views.ts', { target: 'modules/translations/translations.repo.ts', names: [], typeOnly: false }));
  t.equal(violation('modules/issues/issues.views.ts', { target: 'modules/translations/translations.links.ts', names: [], typeOnly: false }), null);
});

t.test('only the notifications module writes feed rows and user events', async (t) => {
  // One notification system: a module that appended to user:<id> or inserted feed rows its own way
  // would bypass preferences, e-mail and the bulk write.
  const offenders = files.filter((f) => {
    if (f.startsWith('modules/notifications/') || f.startsWith('live/') || f.startsWith('db/schema/')) return false;
    const text = readFileSync(join(SRC, f), 'utf8');
    return /streamOf\.userFeed|\bfeedItems\b|\bfeed_items\b|insert into outbox/.test(text);
  });
  t.same(offenders, [], 'no other file names user streams, feed rows or the outbox');
});

/** Exported functions of a file (declarations, arrow/function expressions, and aliases `export const a = b`), by name. */
function exportedFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.ES2022);
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const names: string[] = [];
  for (const st of source.statements) {
    if (!exported(st)) continue;
    if (ts.isFunctionDeclaration(st) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isIdentifier(init))) names.push(d.name.text);
      }
  }
  return names;
}

/** Names exported as functions by more than one file. */
function sharedFunctionNames(byFile: Map<string, string[]>): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const [file, names] of byFile) for (const n of names) where.set(n, [...(where.get(n) ?? []), file]);
  return new Map([...where].filter(([, fs]) => fs.length > 1));
}

t.test('no two exported functions share a name', async (t) => {
  // A name says what a function does: a service's `listUsers` applies rules, its repo's `listUserRows` queries;
  // two modules' `announce` did different things. Re-exports (`export { a } from`) are the same function, not counted.
  const shared = sharedFunctionNames(new Map(files.map((f) => [f, exportedFunctions(f)])));
  t.same(Object.fromEntries(shared), {}, 'every exported function name is unique in src/');
  // Guards the guard: the check sees a clash.
  t.same(
    [
      ...sharedFunctionNames(
        new Map([
          ['a.ts', ['x', 'y']],
          ['b.ts', ['x']],
        ]),
      ).keys(),
    ],
    ['x'],
  );
});

/** Tables named in the `sql` templates of a file (FROM, JOIN, INTO, UPDATE, DELETE FROM, TABLE). */
function sqlTablesOf(file: string, text = readFileSync(join(SRC, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022);
  const parts: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isTaggedTemplateExpression(n) && /^sql(\.raw)?$/.test(n.tag.getText(source))) {
      const tpl = n.template;
      if (ts.isNoSubstitutionTemplateLiteral(tpl)) parts.push(tpl.text);
      else parts.push(tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text));
    }
    if (ts.isCallExpression(n) && n.expression.getText(source) === 'sql.raw' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]))
      parts.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return [...parts.join(' ').matchAll(/\b(?:from|join|into|update|table)\s+"?(\w+)"?/gi)].map((m) => m[1]!).filter((n) => sqlTableOwner.has(n));
}

/** Raw SQL of a module file that names another module's tables. */
function foreignSqlTables(file: string, text?: string): string[] {
  const mod = moduleOf(file);
  if (!mod) return [];
  return sqlTablesOf(file, text).filter((n) => sqlTableOwner.get(n) !== mod && !DIRECTORY_TABLES.has(n));
}

t.test('raw SQL names only its own module tables', async (t) => {
  // The drizzle imports are checked above; a `sql` template could name another module's table by hand.
  const offenders = files.flatMap((f) => foreignSqlTables(f).map((n) => `${f}: ${n}`));
  t.same(offenders, [], "no module's raw SQL reads another module's tables");
  // Guards the guard: a hand-written join on issues from round-tables is seen.
  t.same(foreignSqlTables('modules/roundtables/x.repo.ts', 'const q = sql`select 1 from round_tables r join issues i on i.id = r.id`;'), ['issues']);
  t.same(foreignSqlTables('modules/roundtables/x.repo.ts', 'const q = sql`select 1 from round_tables join users u on true`;'), []);
});

t.test('event payload schemas are declared in the one catalog', async (t) => {
  // One place to read what an event carries: a module declaring its own types could drift from it.
  const declaring = files.filter((f) => f !== 'live/event-types.ts' && /\bdefineEventTypes\s*\(/.test(readFileSync(join(SRC, f), 'utf8')));
  t.same(declaring, ['live/event-catalog.ts'], 'only live/event-catalog.ts calls defineEventTypes');
});
