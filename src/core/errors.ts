/**
 * An error the user can fix: bad input, a missing file, an option out of range.
 * The CLI prints its message as one line (no stack trace) and exits non-zero.
 * Messages name the file or option and say what is wrong.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
