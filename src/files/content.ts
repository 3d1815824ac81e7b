/**
 * Reading file contents from DCI with a byte limit (REST-REFERENCE §4.6): `GET
 * /files/<id>/content` streams the whole file, chunked, and ignores `Range`, so the only way
 * not to download a large log is to stop reading. The download is cancelled as soon as the
 * limit is passed; nothing beyond `maxBytes + 1` bytes is ever held.
 */
import type { DciStream } from '../dci/client.js';
import { gatewayError, userInputError } from '../errors.js';

/** `File.content(maxBytes)` default: 64 KiB. */
export const DEFAULT_CONTENT_BYTES = 65_536;
/** The largest `maxBytes` accepted: 1 MiB of text in one GraphQL response. */
export const MAX_CONTENT_BYTES = 1_048_576;

/** The first bytes of a content, and whether that was all of it. */
export interface ContentPrefix {
  bytes: Buffer;
  /** True when the content had more than the bytes kept. */
  truncated: boolean;
}

/** Checks a `maxBytes` argument: an integer in 1..{@link MAX_CONTENT_BYTES}. */
export function checkMaxBytes(value: number, field = 'maxBytes'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONTENT_BYTES) {
    throw userInputError(`\`${field}\` must be between 1 and ${MAX_CONTENT_BYTES}.`, field);
  }
  return value;
}

/**
 * Reads at most `maxBytes` bytes of a streamed content, then cancels the download. One byte
 * more is read when available, to tell a content of exactly `maxBytes` from a longer one.
 */
export async function readPrefix(stream: DciStream, maxBytes: number): Promise<ContentPrefix> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream.body) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size > maxBytes) break;
    }
  } finally {
    stream.cancel();
  }
  const all = Buffer.concat(chunks);
  return { bytes: all.subarray(0, maxBytes), truncated: all.length > maxBytes };
}

const TEXT_TYPES = new Set([
  'application/json',
  'application/junit',
  'application/xml',
  'application/x-yaml',
  'application/yaml',
  'application/javascript',
  'application/x-sh',
  'application/x-shellscript',
  'application/sql',
  'application/toml',
]);

/**
 * Whether a mime type is text the gateway returns as a string: `text/*`, JSON, XML, YAML and
 * the like (`+json`, `+xml`). A file without a mime is served by DCI as text/plain, and is
 * treated as text (its bytes are still checked).
 */
export function isTextMime(mime: string | null | undefined): boolean {
  if (!mime) return true;
  const type = mime.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    TEXT_TYPES.has(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/**
 * The bytes as UTF-8 text, or null when they are not text (invalid UTF-8, or NUL bytes). A
 * truncated prefix may end inside a character: that partial character is dropped.
 */
export function decodeText(prefix: ContentPrefix): string | null {
  if (prefix.bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(prefix.bytes, {
      stream: prefix.truncated,
    });
  } catch {
    return null;
  }
}

/** The BINARY_CONTENT error: a file that is not text, with where to download it instead. */
export function binaryContentError(file: { id: string; name: string; mime: string | null }) {
  return gatewayError(
    `File ${file.name} (${file.mime ?? 'no mime type'}) is not text: download it from /files/${file.id}/content instead.`,
    { code: 'BINARY_CONTENT', mime: file.mime, download: `/files/${file.id}/content` },
  );
}
