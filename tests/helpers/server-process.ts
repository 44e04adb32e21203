// The real server entry (src/server.ts, as `npm start` runs it without the build step) in a child process of
// its own: for what only a separate process can show (a configuration error's exit code, SIGTERM, SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Whether `text` appeared in the output within a minute. */
  waitFor(text: string): Promise<boolean>;
  /** Whether `base`/readyz answered 200 within two minutes (false as soon as the process exits). */
  ready(base: string): Promise<boolean>;
  output(): string;
}

export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let done = false;
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  const waitFor = async (text: string) => {
    for (let i = 0; i < 600 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    return output.includes(text);
  };
  const ready = async (base: string) => {
    for (let i = 0; i < 1200 && !done; i++) {
      const status = await fetch(`${base}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  return { child, exited, waitFor, ready, output: () => output };
}
