// `engines` in package.json must tell the truth: every locked package (dependencies and the dev tools that
// test and build the project) accepts the Node versions we declare, and the Node running this test is one
// of them. Otherwise `npm ci` prints EBADENGINE and a dependency may use an API this Node lacks.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import t from 'tap';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
const declared = pkg.engines.node;
// The lowest version of each range we declare (e.g. 20.19.0, 22.13.0, 24.0.0), plus this machine's Node.
const lowest = declared.split('||').map((range) => semver.minVersion(range.trim())!.version);

t.ok(semver.satisfies(process.versions.node, declared), `this Node (${process.versions.node}) is within ${declared}`);
const dockerNode = /^FROM node:(\d+)/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
t.ok(dockerNode && semver.intersects(`${dockerNode}.x`, declared), `the Dockerfile's Node ${dockerNode} is within ${declared}`);

const conflicts: string[] = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  const need = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
  if (!path || !need || entry.optional) continue;
  for (const version of [...lowest, process.versions.node]) {
    if (!semver.satisfies(version, need)) conflicts.push(`${path.replace(/^.*node_modules\//, '')} needs ${need}, not ${version}`);
  }
}
t.same(conflicts, [], 'every locked package accepts the declared Node versions');
