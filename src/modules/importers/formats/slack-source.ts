import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';

/**
 * A Slack export as a set of named files, whether the user hands over the unpacked folder or the zip Slack
 * sends. Names use "/" and are relative to the folder holding channels.json (a re-zipped export may wrap
 * everything in one more folder).
 */
export interface SlackFiles {
  names: string[];
  /** The file's contents, and the bytes it accounts for in the source's total (compressed size in a zip). */
  read(name: string): Promise<{ data: Buffer; bytes: number }>;
  close(): Promise<void>;
}

export async function isZip(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    await handle.read(buf, 0, 4, 0);
    return buf.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export async function openSlackFiles(source: { path: string; isDirectory: boolean }): Promise<SlackFiles> {
  return source.isDirectory ? openFolder(source.path) : openZip(source.path);
}

async function openFolder(root: string): Promise<SlackFiles> {
  const names: string[] = [];
  for (const top of await fs.promises.readdir(root, { withFileTypes: true })) {
    if (top.isFile()) names.push(top.name);
    else if (top.isDirectory()) {
      for (const f of await fs.promises.readdir(path.join(root, top.name), { withFileTypes: true })) {
        if (f.isFile()) names.push(`${top.name}/${f.name}`);
      }
    }
  }
  return {
    names,
    async read(name) {
      const data = await fs.promises.readFile(path.join(root, ...name.split('/')));
      return { data, bytes: data.length };
    },
    close: async () => {},
  };
}

async function openZip(file: string): Promise<SlackFiles> {
  // The central directory is read once for the names; entries are then opened in the order we need them.
  const zip = await yauzl.openPromise(file, { autoClose: false });
  const all = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith('/')) all.set(entry.fileName, entry);
  } catch (err) {
    zip.close();
    throw err;
  }
  const rootOf = [...all.keys()].filter((n) => n === 'channels.json' || n.endsWith('/channels.json')).sort((a, b) => a.length - b.length)[0];
  const prefix = rootOf ? rootOf.slice(0, -'channels.json'.length) : '';
  const entries = new Map<string, yauzl.Entry>();
  for (const [name, entry] of all) if (name.startsWith(prefix)) entries.set(name.slice(prefix.length), entry);
  return {
    names: [...entries.keys()],
    async read(name) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`${name} is not in the zip`);
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
      return { data: Buffer.concat(chunks), bytes: entry.compressedSize };
    },
    close: async () => zip.close(),
  };
}

/** Names only, for sniffing: a folder's top level, or the first `limit` entries of a zip. */
export async function listSlackNames(source: { path: string; isDirectory: boolean }, limit = 2000): Promise<string[]> {
  if (source.isDirectory) return fs.promises.readdir(source.path);
  if (!(await isZip(source.path))) return [];
  const zip = await yauzl.openPromise(source.path, { autoClose: false });
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      if (names.length >= limit) break;
    }
  } finally {
    zip.close();
  }
  return names;
}
