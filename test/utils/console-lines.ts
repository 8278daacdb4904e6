/** The lines `fn` prints with console.log (joined as console.log joins its arguments); console.log is restored after. */
export async function printedBy(fn: () => Promise<unknown>): Promise<string[]> {
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void printed.push(args.join(' '));
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return printed;
}
