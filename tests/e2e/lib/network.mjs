// A loopback proxy in front of a test server: the browser's network, with a fault a test can
// order. Plain HTTP requests and WebSockets pass through unchanged; loseNextAnswer(method, path)
// lets the next such request reach the server, waits for the server's whole answer, and then cuts
// the browser's connection (a reset) instead of delivering it — the answer lost on the way back.
// It works the same in every engine (Playwright's page.route is Chromium's alone here), and it is
// a real lost connection, not a patched fetch. The target is a port: a server killed and started
// again on the same port is reached again.
import http from 'node:http';
import net from 'node:net';

export async function startProxy(server) {
  const target = { host: '127.0.0.1', port: server.port };
  const faults = [];
  const sockets = new Set();
  const proxy = http.createServer((req, res) => {
    const i = faults.findIndex((f) => f.method === req.method && req.url.split('?')[0] === f.path);
    const fault = i >= 0 ? faults.splice(i, 1)[0] : null;
    const up = http.request({ ...target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (!fault) {
        // One request per connection: a browser silently sends a request again when a reused
        // keep-alive connection is reset (Chromium and Firefox do, even a POST), which would
        // hide the lost answer. On a fresh connection the reset reaches the page.
        const headers = [];
        for (let k = 0; k < answer.rawHeaders.length; k += 2) {
          if (!/^(connection|keep-alive)$/i.test(answer.rawHeaders[k])) headers.push(answer.rawHeaders[k], answer.rawHeaders[k + 1]);
        }
        headers.push('Connection', 'close');
        res.writeHead(answer.statusCode, headers);
        answer.pipe(res);
        return;
      }
      let body = '';
      answer.on('data', (c) => (body += c.toString()));
      answer.on('end', () => {
        req.socket.resetAndDestroy();
        fault.resolve({ status: answer.statusCode, body, json: (() => { try { return JSON.parse(body); } catch { return null; } })() });
      });
    });
    up.on('error', () => req.socket.destroy());  // the server is gone: so is the connection
    req.pipe(up);
  });
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('upgrade', (req, socket, head) => {
    const up = net.connect(target.port, target.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let k = 0; k < req.rawHeaders.length; k += 2) lines.push(`${req.rawHeaders[k]}: ${req.rawHeaders[k + 1]}`);
      up.write(lines.join('\r\n') + '\r\n\r\n');
      if (head?.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
    up.on('end', () => socket.end());
    socket.on('end', () => up.end());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const port = proxy.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    // Resolves with { status, body, json } of the answer that never reached the browser.
    loseNextAnswer(method, path) {
      return new Promise((resolve) => faults.push({ method, path, resolve }));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
    },
  };
}
