import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { FakeLinePlatform, type FakeLineOptions } from '../../bot/dev/fake-line-platform';

export { FakeLinePlatform };

/** The fake LINE Platform as a real HTTP server on loopback; `url` is its base for both APIs. */
export async function startFakeLinePlatform(
  opts: FakeLineOptions = {},
): Promise<{ fake: FakeLinePlatform; url: string; close(): Promise<void> }> {
  const fake = new FakeLinePlatform(opts);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: fake.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    fake,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
