// A readable word diff between two texts (Myers' O(ND) algorithm over word, space and newline
// tokens). Concatenating equal+insert parts gives the new text; equal+delete parts the old one.
export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

const words = (text: string) => text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
/** Edit distance beyond which a word diff would cost too much memory: fall back to lines, then to replace-all. */
const MAX_EDITS = 2000;

export function wordDiff(before: string, after: string): DiffPart[] {
  return (
    myers(words(before), words(after)) ??
    myers(lines(before), lines(after)) ??
    ([before && { op: 'delete', text: before }, after && { op: 'insert', text: after }].filter(Boolean) as DiffPart[])
  );
}

function myers(a: string[], b: string[]): DiffPart[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    if (d > MAX_EDITS) return null;
    // Only the diagonals reachable at this depth: memory stays O(D²), not O(D·(N+M)).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers to recover the edit script.
  const ops: { op: DiffOp; token: string }[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const at = (diag: number) => vd[diag + d + 1]!;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', token: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ op: 'insert', token: b[--y]! });
      else ops.push({ op: 'delete', token: a[--x]! });
    }
  }
  ops.reverse();
  const parts: DiffPart[] = [];
  for (const { op, token } of ops) {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += token;
    else parts.push({ op, text: token });
  }
  return parts;
}
