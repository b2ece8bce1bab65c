import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Duplex} from 'node:stream';
import {after, before, describe, test} from 'node:test';
import {WebSocket, WebSocketServer} from 'ws';
import {adoptUpgradedSocket, sendOutputFrame} from '../src/output-frames';

interface Pair {
  server: WebSocket;
  socket: Duplex;
  client: WebSocket;
  /** Every message the client has received: binary as latin1 strings, text as `text:` and its JSON. */
  received: string[];
  /** Resolves once the client has received `count` messages in all. */
  receivedCount(count: number): Promise<void>;
}

describe('output frames', () => {
  const http1 = http.createServer();
  const wss = new WebSocketServer({noServer: true, perMessageDeflate: false});
  let adopt = true;
  let nextServerSide: ((ws: WebSocket, socket: Duplex) => void) | null = null;
  http1.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (adopt) adoptUpgradedSocket(ws, socket);
      nextServerSide?.(ws, socket);
    });
  });

  before(() => new Promise<void>((resolve) => http1.listen(0, '127.0.0.1', resolve)));
  after(() => new Promise<void>((resolve) => http1.close(() => resolve())));

  async function connect(options: {adopted: boolean}): Promise<Pair> {
    adopt = options.adopted;
    const serverSide = new Promise<{ws: WebSocket; socket: Duplex}>((resolve) => {
      nextServerSide = (ws, socket) => resolve({ws, socket});
    });
    const client = new WebSocket(`ws://127.0.0.1:${(http1.address() as AddressInfo).port}/`, {perMessageDeflate: false});
    const received: string[] = [];
    const waiters: Array<{count: number; resolve: () => void}> = [];
    client.on('message', (data: Buffer, isBinary) => {
      received.push(isBinary ? data.toString('latin1') : `text:${data.toString('utf8')}`);
      for (const w of waiters.filter((x) => received.length >= x.count)) w.resolve();
    });
    await new Promise((resolve) => client.once('open', resolve));
    const {ws, socket} = await serverSide;
    return {
      server: ws, socket, client, received,
      receivedCount: (count) => (received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({count, resolve}))),
    };
  }

  async function close(pair: Pair): Promise<void> {
    const closed = new Promise((resolve) => pair.client.once('close', resolve));
    pair.client.close();
    await closed;
  }

  /** Counts the socket's writes while `during` runs. */
  function countWrites(socket: Duplex, during: () => void): number {
    const original = socket.write;
    let writes = 0;
    socket.write = function (this: Duplex, ...args: Parameters<Duplex['write']>) {
      writes += 1;
      return original.apply(this, args);
    } as Duplex['write'];
    try {
      during();
    } finally {
      socket.write = original;
    }
    return writes;
  }

  test('a payload of up to 125 bytes leaves in one socket write; a bigger one through ws', async () => {
    const pair = await connect({adopted: true});
    const small = Buffer.alloc(125, 'a');
    const big = Buffer.alloc(126, 'b');
    assert.equal(countWrites(pair.socket, () => sendOutputFrame(pair.server, small)), 1);
    assert.equal(countWrites(pair.socket, () => sendOutputFrame(pair.server, big)), 2, 'ws writes a header and a payload');
    await pair.receivedCount(2);
    assert.deepEqual(pair.received, [small.toString('latin1'), big.toString('latin1')]);
    await close(pair);
  });

  test('frames written directly and frames ws sends arrive in the order they were sent', async () => {
    const pair = await connect({adopted: true});
    const bulk = Buffer.alloc(70_000, 'B');
    sendOutputFrame(pair.server, Buffer.from('$ '));
    pair.server.send('{"t":"note"}');
    sendOutputFrame(pair.server, bulk);
    sendOutputFrame(pair.server, Buffer.from('x'));
    sendOutputFrame(pair.server, Buffer.alloc(0));
    pair.server.send('{"t":"exit"}');
    await pair.receivedCount(6);
    assert.deepEqual(pair.received, ['$ ', 'text:{"t":"note"}', bulk.toString('latin1'), 'x', '', 'text:{"t":"exit"}']);
    await close(pair);
  });

  test('while ws holds unsent bytes, a small frame queues behind them through ws', async () => {
    const pair = await connect({adopted: true});
    // The client stops reading, so a big enough message stays partly in the server's buffers.
    (pair.client as unknown as {_socket: Duplex})._socket.pause();
    const bulk = Buffer.alloc(16 * 1024 * 1024, 'B');
    pair.server.send(bulk);
    assert.ok(pair.server.bufferedAmount > 0, 'the test needs bytes held on the server side');
    assert.equal(countWrites(pair.socket, () => sendOutputFrame(pair.server, Buffer.from('after'))), 2, 'through ws, not directly');
    (pair.client as unknown as {_socket: Duplex})._socket.resume();
    await pair.receivedCount(2);
    assert.equal(pair.received[0]!.length, bulk.length);
    assert.equal(pair.received[1], 'after');
    await close(pair);
  });

  test('a socket the upgrade handler did not adopt sends everything through ws', async () => {
    const pair = await connect({adopted: false});
    assert.equal(countWrites(pair.socket, () => sendOutputFrame(pair.server, Buffer.from('a'))), 2);
    await pair.receivedCount(1);
    assert.deepEqual(pair.received, ['a']);
    await close(pair);
  });
});
