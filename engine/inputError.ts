// Errors in user input carry the file, the line and the fix, so every front end (CLI, editor)
// can show one clear line instead of a stack trace.
/** A problem in an input file, with where it is (line 0: the file as a whole) and how to fix it. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${line > 0 ? `${file}:${line}` : file}: ${problem}; ${fix}`);
    this.name = 'InputError';
  }
}
