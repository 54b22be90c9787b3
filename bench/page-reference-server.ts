/**
 * The reference for bench:pages: the same page as bare server-rendered HTML — Lots' own HTML
 * with every script removed — and the same style sheet, both compressed as Lots sends them,
 * from node:http. Usage: page-reference-server.ts <html-file> <client-build-dir> <port>
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

const html = zlib.brotliCompressSync(fs.readFileSync(process.argv[2]!));
const client = process.argv[3]!;
const port = Number(process.argv[4]);

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://reference");
    if (url.pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "br" });
      return res.end(html);
    }
    const file = path.join(client, path.normalize(url.pathname));
    if (!file.startsWith(client) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    const type = file.endsWith(".css")
      ? "text/css"
      : file.endsWith(".svg")
        ? "image/svg+xml"
        : "application/octet-stream";
    res.writeHead(200, { "Content-Type": type, "Content-Encoding": "br" });
    res.end(zlib.brotliCompressSync(fs.readFileSync(file)));
  })
  .listen(port, "127.0.0.1");
