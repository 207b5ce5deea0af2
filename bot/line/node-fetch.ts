import http from 'node:http';
import https from 'node:https';

/**
 * The LINE client's transport on Node (bot/node-server.ts passes it to the OrgDirectory): the
 * fetch subset the client uses (method, headers, a string or byte body, an abort signal),
 * over node:http(s) with kept-alive sockets. Node's global fetch (undici) spent ~0.3 ms of CPU
 * per call; this one ~0.1 ms, and a resident's message makes one call (its reply), so it was
 * about a tenth of a message's processing (issue 17, docs/decisions/046-processing-hot-path.md).
 * Workers keep the platform's fetch: this module is imported only by the Node entry.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export const nodeFetch: typeof fetch = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!lib) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason);
    const headers = new Headers(init.headers);
    let body = init.body ?? undefined;
    if (body instanceof URLSearchParams) {
      if (!headers.has('content-type'))
        headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
      body = body.toString();
    }
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))
      return reject(new TypeError('nodeFetch: the body must be text, bytes or form fields'));
    const req = lib.request(
      url,
      {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(headers),
        agent: agents[url.protocol as 'http:' | 'https:'],
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage,
              headers: out,
            }),
          );
        });
      },
    );
    req.on('error', (e) =>
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: e })),
    );
    req.end(body);
  });
