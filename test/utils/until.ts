/** Polls `probe` until it gives a truthy value; fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false | 0>, timeoutMs = 90_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
