/** A problem with a whole file (missing, empty, wrong kind): thrown, never yielded as a LineError. */
export class FileUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FileUnusableError';
  }
}
