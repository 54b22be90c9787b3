import yauzl from "yauzl";

/**
 * Reads a zip (a .docx, an .xlsx, or a folder of them) from memory with bounds set before a
 * byte is inflated: how many entries, how large each and all of them may grow, and how far
 * one may grow beyond its compressed size. Sizes are checked as the bytes come, not only as
 * the zip declares them, so a zip that lies about its sizes is stopped too. Entry names that
 * climb out of the zip ("../") or are absolute are refused by yauzl itself.
 */

export type ZipLimits = { maxEntries: number; maxTotalBytes: number; maxEntryBytes: number; maxRatio: number };

export class ZipRefusal extends Error {
  constructor(public readonly reason: "notZip" | "tooManyEntries" | "tooLarge" | "bomb" | "badPath") {
    super(`zip refused: ${reason}`);
  }
}

export type ZipEntry = { name: string; bytes: Buffer };

/** Every file in the zip (folders left out) that `wanted` asks for, in the zip's order. */
export async function readZip(
  data: Uint8Array,
  limits: ZipLimits,
  wanted: (name: string) => boolean = () => true,
): Promise<ZipEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch {
    throw new ZipRefusal("notZip");
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipRefusal("tooManyEntries");
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof ZipRefusal ? error : refusalFor(error));
    };
    zip.on("error", fail);
    zip.on("end", () => resolve(entries));
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith("/") || !wanted(entry.fileName)) return zip.readEntry();
      const declared = entry.uncompressedSize;
      if (declared > limits.maxEntryBytes || total + declared > limits.maxTotalBytes) {
        return fail(new ZipRefusal("tooLarge"));
      }
      if (declared > 1024 * 1024 && declared / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        return fail(new ZipRefusal("bomb"));
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          // validateEntrySizes stops a lie at the end of the entry; this stops it as it grows.
          if (size > declared) stream.destroy(new ZipRefusal("bomb"));
          else chunks.push(chunk);
        });
        stream.on("error", fail);
        stream.on("end", () => {
          total += size;
          entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

function refusalFor(error: unknown): ZipRefusal {
  const message = error instanceof Error ? error.message : "";
  if (/invalid relative path|absolute path|invalid characters/i.test(message)) return new ZipRefusal("badPath");
  if (/too many bytes|expected .* bytes/i.test(message)) return new ZipRefusal("bomb");
  return new ZipRefusal("notZip");
}
