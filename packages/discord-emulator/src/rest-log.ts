/** The record of every REST request the emulator answered. */
export interface RestLogEntry {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  /** Emulator clock time of the request. */
  at: number;
  method: string;
  /** Path below `/api/v10`, with the query string. */
  path: string;
  /** The matched route pattern (e.g. `/interactions/:id/:token/callback`), or null if none matched. */
  route: string | null;
  status: number;
  /** JSON body (or `payload_json` of a multipart body). */
  requestBody: unknown;
  /** Files of a multipart body. */
  files: { field: string; name: string; size: number }[];
  responseBody: unknown;
  /** The interaction this request belonged to (callbacks and webhook calls). */
  interactionId: string | null;
  /** Set when a fault rule produced this response. */
  fault: string | null;
}

/** Discord error code of a logged response, if it has one. */
export function errorCode(entry: RestLogEntry): number | null {
  const body = entry.responseBody;
  if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'number')
    return body.code;
  return null;
}
