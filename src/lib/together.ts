// Statements of one transaction sent together (one round trip: the driver pipelines them on the
// transaction's connection, and the server runs them in the order they were sent).

/**
 * Like `Promise.all`, but waits for every statement to settle before throwing the first failure (in the
 * order given): none may still be running, or start, once the caller's transaction has rolled back.
 */
export async function together<T extends readonly unknown[]>(values: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(values);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
