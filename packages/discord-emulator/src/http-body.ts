import type { IncomingMessage } from 'node:http';
import { DiscordErrors } from './errors.js';

/** Reading request bodies: JSON, or multipart/form-data with `payload_json` and `files[n]`. */

export interface UploadedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  /** The n of `files[n]` (or the position among file parts if the field is named differently). */
  index: number;
  name: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
  raw: Buffer;
}

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw DiscordErrors.payloadTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw DiscordErrors.badRequest('The request body contains invalid JSON.');
  }
}

export async function parseBody(req: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: undefined, files: [], raw };
  if (type.startsWith('multipart/form-data')) {
    // undici's Request knows how to parse multipart bodies.
    const form = await new Request('http://emulator.local/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    let json: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = parseJson(value);
        continue;
      }
      const match = /^files\[(\d+)\]$/.exec(field);
      files.push({
        field,
        index: match?.[1] !== undefined ? Number(match[1]) : files.length,
        name: value.name,
        contentType: value.type || undefined,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { json, files, raw };
  }
  return { json: parseJson(raw.toString('utf8')), files: [], raw };
}
