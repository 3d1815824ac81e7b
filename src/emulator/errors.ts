/**
 * Errors the emulator answers with, in the two shapes the real server uses: the JSON
 * application error `{message, payload, status_code}` and the framework's HTML pages (unknown
 * routes, non-UUID ids, 405, 500, malformed JSON bodies).
 */

/** An error response the emulator sends as DCI would. */
export class EmulatorError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** DCI's `message`, or the HTML page's title line. */
    message: string,
    /** DCI's `payload` (`{}` when there are no details). */
    readonly payload: Record<string, unknown> = {},
    /** Answer with an HTML page instead of the JSON error shape. */
    readonly html = false,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** A JSON application error. */
export const dciError = (status: number, message: string, payload: Record<string, unknown> = {}) =>
  new EmulatorError(status, message, payload);

/** An HTML framework error (Flask/Werkzeug pages, gunicorn's plain 400). */
export const htmlError = (status: number, title: string) =>
  new EmulatorError(status, title, {}, true);

/** 400 "Request malformed" with a JSON-schema style payload (sorted `errors`, first as `error`). */
export function malformed(...errors: string[]): EmulatorError {
  const sorted = [...errors].sort();
  return dciError(400, 'Request malformed', { error: sorted[0], errors: sorted });
}
