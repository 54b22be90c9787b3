/**
 * The reference for bench:reading: node:http returning one file's bytes from memory, as fast
 * as Node serves anything. Usage: bare-server.ts <file> <port>
 */
import fs from "node:fs";
import http from "node:http";

const body = fs.readFileSync(process.argv[2]!);
const port = Number(process.argv[3]);
http
  .createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  })
  .listen(port, "127.0.0.1");
