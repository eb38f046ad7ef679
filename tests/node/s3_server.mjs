// Starts s3rver (an S3-protocol server) on a free loopback port for Basin's tests, plus a
// fault-injecting proxy in front of it, and prints one JSON line:
//   {"port": N, "proxy_port": M}
// Usage: node --openssl-legacy-provider s3_server.mjs --dir DIR [--bucket NAME]...
//            [--stats-file FILE]
// Commands on stdin, one per line, each answered with one line on stdout:
//   fail STATUS CODE COUNT   the proxy answers the next COUNT requests with STATUS and an S3
//                            <Error> whose <Code> is CODE (e.g. "fail 503 SlowDown 2")
//   reset COUNT              the proxy drops the connection of the next COUNT requests
//   strip-range COUNT        the proxy forwards the next COUNT requests without their Range
//                            header (a server that ignores ranges)
//   stats                    what s3rver served so far: {"requests", "get_bytes" (GET bodies),
//                            "parts" (UploadPart), "completes", "aborts" (multipart)}
// The server exits when stdin closes, so it cannot outlive the test that started it.
// S3RVER_VERBOSE=1 in the environment shows s3rver's request log on stderr.
import http from 'node:http';
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// s3rver makes its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its
// legacy provider: without it every listing past one page fails with InternalError.
try {
  (await import('node:crypto')).createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  console.error('s3_server.mjs: run node with --openssl-legacy-provider (s3rver needs DES)');
  process.exit(2);
}
const S3rver = require('s3rver');

const args = process.argv.slice(2);
let dir = null;
let statsFile = null;
const buckets = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dir') dir = args[++i];
  else if (args[i] === '--bucket') buckets.push(args[++i]);
  else if (args[i] === '--stats-file') statsFile = args[++i];
  else {
    console.error(`s3_server.mjs: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
if (!dir) {
  console.error('s3_server.mjs: --dir DIR is required');
  process.exit(2);
}

const stats = { requests: 0, get_bytes: 0, parts: 0, completes: 0, aborts: 0 };
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: !process.env.S3RVER_VERBOSE,
  directory: dir,
  // Host names *.s3.localhost select buckets (virtual-hosted addressing); curl resolves any
  // *.localhost name to loopback without DNS.
  serviceEndpoint: 'localhost',
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
});
const address = await server.run();
server.httpServer.on('request', (req, res) => {
  res.on('finish', () => {
    stats.requests++;
    if (req.method === 'GET') stats.get_bytes += Number(res.getHeader('content-length') || 0);
    const upload = /[?&]uploadId=/.test(req.url);
    if (upload && req.method === 'PUT') stats.parts++;
    if (upload && req.method === 'POST') stats.completes++;
    if (upload && req.method === 'DELETE') stats.aborts++;
    if (statsFile) fs.writeFileSync(statsFile, JSON.stringify(stats));
  });
});

const faults = [];  // queued: {kind: 'fail', status, code}, {kind: 'reset'}, {kind: 'strip-range'}
const agent = new http.Agent({ keepAlive: true });
const proxy = http.createServer((req, res) => {
  const fault = faults.shift();
  if (fault && fault.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault && fault.kind === 'fail') {
    req.resume();
    req.on('end', () => {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code>` +
        `<Message>injected by the test proxy</Message><RequestId>proxy</RequestId></Error>`;
      res.writeHead(fault.status, { 'Content-Type': 'application/xml',
                                    'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    return;
  }
  if (fault && fault.kind === 'strip-range') delete req.headers.range;
  const upstream = http.request({
    host: '127.0.0.1', port: address.port, method: req.method, path: req.url,
    headers: req.headers, agent,
  }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => req.socket.destroy());
  req.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));

process.stdout.write(JSON.stringify({ port: address.port, proxy_port: proxy.address().port }) + '\n');

const shutdown = () => {
  proxy.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'fail' && words.length === 4) {
    for (let i = 0; i < Number(words[3]); i++) {
      faults.push({ kind: 'fail', status: Number(words[1]), code: words[2] });
    }
    process.stdout.write('ok\n');
  } else if (words[0] === 'reset' && words.length === 2) {
    for (let i = 0; i < Number(words[1]); i++) faults.push({ kind: 'reset' });
    process.stdout.write('ok\n');
  } else if (words[0] === 'strip-range' && words.length === 2) {
    for (let i = 0; i < Number(words[1]); i++) faults.push({ kind: 'strip-range' });
    process.stdout.write('ok\n');
  } else if (words[0] === 'stats') {
    process.stdout.write(JSON.stringify(stats) + '\n');
  } else if (words[0] !== '') {
    process.stdout.write(`error: unknown command ${words[0]}\n`);
  }
});
lines.on('close', shutdown);
