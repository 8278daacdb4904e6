/** Iterates `source` one step ahead, so the next page is read from the database while this one is written. */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    // stopped early (cancel, failure): let the read in flight settle and close the source
    await next.then(() => it.return?.(), () => undefined).catch(() => undefined);
  }
}
