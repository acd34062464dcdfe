import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for qyapi.weixin.qq.com for tests, answering the documented JSON shapes
 * ({ errcode, errmsg, access_token, expires_in }). Each path's answers are queued; the last one repeats.
 */
export interface FakeWecom {
  baseUrl: string;
  /** Every request in arrival order, with its JSON body parsed (undefined for a GET or a body that is not JSON). */
  requests: { path: string; query: URLSearchParams; body?: Record<string, any> }[];
  answer(path: string, ...bodies: Record<string, unknown>[]): void;
  close(): Promise<void>;
}

export async function startFakeWecom(): Promise<FakeWecom> {
  const answers = new Map<string, Record<string, unknown>[]>();
  const requests: FakeWecom['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let sent: Record<string, any> | undefined;
      try { sent = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined; } catch { sent = undefined; }
      requests.push({ path: url.pathname, query: url.searchParams, body: sent });
      const queue = answers.get(url.pathname) ?? [{ errcode: 404, errmsg: 'no such api' }];
      const body = queue.length > 1 ? queue.shift()! : queue[0]!;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answer: (path, ...bodies) => void answers.set(path, bodies),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const tokenOk = (token: string, expiresIn = 7200) => ({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn });
