// Child processes of the bench (app instances, baselines, load generators) talk to the runner over
// Node's IPC channel: the runner sends {id, cmd, ...args}, the child answers {id, result | error}.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  proc: ChildProcess;
  /** The first message the child sends once it is ready (e.g. its port). */
  ready: Promise<Record<string, unknown>>;
  call<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Resolves with the child's last message when it exits. */
  done: Promise<unknown>;
  kill(): void;
}

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts `bench/<file>` under tsx in a process of its own. */
export function startChild(file: string, args: string[] = [], env: Record<string, string> = {}, nodeFlags: string[] = []): Child {
  const proc = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=2048', ...nodeFlags, '--import', 'tsx', `${benchDir}${file}`, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let last: unknown;
  let resolveReady!: (v: Record<string, unknown>) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<Record<string, unknown>>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {}); // generators never say ready; awaiting `ready` still sees the failure
  proc.on('message', (raw) => {
    const msg = raw as { ready?: boolean; id?: number; result?: unknown; error?: string };
    last = msg;
    if (msg.ready) return resolveReady(msg);
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error !== undefined) p?.reject(new Error(`${file}: ${msg.error}`));
    else p?.resolve(msg.result);
  });
  const done = new Promise<unknown>((resolve) =>
    proc.on('exit', (code) => {
      const err = new Error(`${file} exited with ${code}`);
      rejectReady(err);
      for (const p of pending.values()) p.reject(err);
      resolve(last);
    }),
  );
  return {
    proc,
    ready,
    done,
    call<T>(cmd: string, args: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, cmd, ...args });
      });
    },
    kill() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
    },
  };
}

/** In a child: answers the runner's commands with `handlers`, and says it is ready. */
export function serve(handlers: Record<string, (args: Record<string, unknown>) => unknown>, readyInfo: Record<string, unknown> = {}): void {
  process.on('message', (raw) => void answer(raw));
  async function answer(raw: unknown) {
    const { id, cmd, ...args } = raw as { id: number; cmd: string };
    try {
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unknown command ${cmd}`);
      process.send!({ id, result: (await handler(args)) ?? null });
    } catch (err) {
      process.send!({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  process.send!({ ready: true, ...readyInfo });
  // The runner going away takes its children with it.
  process.on('disconnect', () => process.exit(0));
}

/** Sends a one-shot result to the runner and exits (load generators). */
export function finish(result: unknown): void {
  process.send!(result, () => process.exit(0));
}

/** CPU this process used since `since`, as a share of one core over `ms` of wall time. */
export function cpuShare(since: NodeJS.CpuUsage, ms: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / ms;
}
