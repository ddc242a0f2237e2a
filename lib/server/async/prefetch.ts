import "server-only";

/**
 * The items of `source`, with the next one always asked for while the caller works on the current one:
 * Graph's paging is a chain, and this keeps the chain's requests back to back.
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // A failure of the page asked for early is thrown when the caller gets to it, not before.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
