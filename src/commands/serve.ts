/**
 * `briefpress serve`: live preview. Builds, serves the output folder on localhost, watches
 * `content/` and `templates/`, rebuilds through the same `build()` on every save (the build
 * cache makes that incremental) and tells open pages over server-sent events:
 *
 * - a save first rebuilds the HTML editions (fast), then the other formats; each open page
 *   reloads only when a rebuild changed its own file;
 * - a build that fails leaves the last good site in place and shows its errors
 *   (file:line:column) in an overlay on every open page, until a save fixes them.
 *
 * The small script that does this is added to HTML responses as they are sent, never to the
 * files. Bound to 127.0.0.1 unless `--host` says otherwise.
 */
import { readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRenderThreads } from '../render/threads.js';
import { formatDiagnostic } from '../diagnostics.js';
import { confine, nodeEnv, type Env } from '../env.js';
import { templatesDir } from '../install/paths.js';

export interface ServeIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

export interface Server {
  port: number;
  /** Resolves when the server and watchers are closed. */
  close(): Promise<void>;
}

const EVENTS = '/__briefpress/events';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.css': 'text/css; charset=utf-8',
};

/** Reloads the page when its file changed; shows build errors in an overlay. Preview only. */
const CLIENT = `<script>(() => {
  const here = decodeURIComponent(location.pathname.replace(/^\\//, '').replace(/(^|\\/)$/, '$1index.html'));
  const events = new EventSource(${JSON.stringify(EVENTS)});
  events.addEventListener('changed', (e) => { if (JSON.parse(e.data).includes(here)) location.reload(); });
  events.addEventListener('errors', (e) => {
    const lines = JSON.parse(e.data);
    let box = document.getElementById('briefpress-errors');
    if (!lines.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'briefpress-errors';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:CanvasText;color:Canvas;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647';
      document.body.append(box);
    }
    box.textContent = lines.join('\\n');
  });
})();</script>`;

interface ManifestLike {
  artifacts?: Array<{ path: string; sha256: string }>;
  pages?: Array<{ path: string; sha256: string }>;
}

async function publishedFiles(outputRoot: string): Promise<Map<string, string>> {
  try {
    const m = JSON.parse(await fs.readFile(path.join(outputRoot, 'manifest.json'), 'utf8')) as ManifestLike;
    return new Map([...(m.artifacts ?? []), ...(m.pages ?? [])].map((f) => [f.path, f.sha256]));
  } catch {
    return new Map();
  }
}

export interface ServeOptions {
  contentRoot: string;
  outputRoot: string;
  cacheDir?: string;
  port: number;
  host: string;
  jobs: number;
  log: (line: string) => void;
  /** Quiet period after the last file event before a rebuild (editors write in bursts). */
  debounceMs?: number;
}

export async function startServer(o: ServeOptions): Promise<Server> {
  const env: Env = nodeEnv({ contentRoot: o.contentRoot, outputRoot: o.outputRoot, cacheDir: o.cacheDir });
  const { build } = await import('../build.js');
  const clients = new Set<http.ServerResponse>();
  let errors: string[] = [];
  const send = (event: string, data: unknown) => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  /** One build pass; returns false when it failed (the published site is the last good one). */
  const pass = async (formats?: string[], jobs = 1): Promise<boolean> => {
    const before = await publishedFiles(o.outputRoot);
    const started = performance.now();
    const result = await build({ env, formats, jobs, workers: { contentRoot: o.contentRoot, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH } });
    const lines = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    if (!result.ok) {
      errors = lines;
      send('errors', errors);
      o.log(`build failed (${lines.length} error${lines.length === 1 ? '' : 's'}); serving the last good site`);
      for (const l of lines) o.log(`  ${l}`);
      return false;
    }
    const after = await publishedFiles(o.outputRoot);
    const changed = [...after].filter(([p, sha]) => before.get(p) !== sha).map(([p]) => p);
    const { rendered, cached } = result.counts;
    o.log(`${formats ? formats.join(', ') : 'all formats'}: ${rendered} rendered, ${cached} from cache, ${changed.length} files changed (${Math.round(performance.now() - started)} ms)`);
    if (errors.length) ((errors = []), send('errors', errors));
    if (changed.length) send('changed', changed);
    return true;
  };

  let running: Promise<void> | undefined;
  let again = false;
  const rebuild = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        // HTML first: the page being previewed reloads before the PDF and EPUB are done.
        // A save during the HTML pass goes straight to another HTML pass.
        if ((await pass(['html'])) && !again) await pass();
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };

  // The first build uses every core. A save re-renders a few artifacts: in this process,
  // whose modules, parsed fonts and compiled code are warm, that takes a fraction of a
  // second, where fresh worker threads would each pay a cold start (about 2 s).
  await pass(undefined, o.jobs);

  const server = http.createServer((req, res) => void respond(req, res));
  const respond = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: errors\ndata: ${JSON.stringify(errors)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    try {
      // The output folder is a link swapped by each build: resolve it per request.
      const root = await fs.realpath(o.outputRoot);
      let file = confine(root, rel);
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const ext = path.extname(file).toLowerCase();
      let body: Buffer = await fs.readFile(file);
      if (ext === '.html') {
        const text = body.toString('utf8');
        const at = text.lastIndexOf('</body>');
        body = Buffer.from(at >= 0 ? `${text.slice(0, at)}${CLIENT}${text.slice(at)}` : `${text}${CLIENT}`);
      }
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  let timer: NodeJS.Timeout | undefined;
  const onChange = (name: string) => {
    const base = path.basename(name);
    if (/^\.#|~$|\.sw[a-p]$|^#.*#$|^\.goutputstream/.test(base)) return; // editor scratch files
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), o.debounceMs ?? 50);
  };
  const watchers = [o.contentRoot, templatesDir()].map((dir) => watchTree(dir, onChange));

  return {
    port,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await running;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Watches every folder under `root`, each on its own. A folder watch sees an editor's
 * atomic save (write a temporary file, rename it over the original), which a watch on the
 * file loses, and Node 20's recursive watch on Linux stops reporting after it. Folders
 * created later are picked up on the next event. Symbolic links are not followed.
 */
function watchTree(root: string, onChange: (name: string) => void): { close(): void } {
  const watching = new Map<string, FSWatcher>();
  const scan = (dir: string) => {
    if (!watching.has(dir)) {
      try {
        const w = watch(dir, (_event, name) => {
          onChange(String(name ?? ''));
          scan(root);
        });
        w.on('error', () => (w.close(), watching.delete(dir)));
        watching.set(dir, w);
      } catch {
        return; // removed meanwhile
      }
    }
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory()) scan(path.join(dir, e.name));
  };
  scan(root);
  return { close: () => watching.forEach((w) => w.close()) };
}

/** The CLI entry: runs until SIGINT or SIGTERM; exit 0. */
export async function serveCommand(args: string[], io: ServeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'output' },
      port: { type: 'string', default: '4173' },
      host: { type: 'string', default: '127.0.0.1' },
      cache: { type: 'string' },
      jobs: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(io, `--port must be a whole number from 0 to 65535, got ${values.port}`);
  const jobs = values.jobs === undefined ? defaultRenderThreads() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return usage(io, `--jobs must be a whole number ≥ 1, got ${values.jobs}`);
  const contentRoot = path.resolve(io.cwd, values.content);
  if (!(await fs.stat(contentRoot).catch(() => undefined))?.isDirectory()) return usage(io, `content folder not found: ${values.content}`);
  const server = await startServer({
    contentRoot,
    outputRoot: path.resolve(io.cwd, values.out),
    cacheDir: path.resolve(io.cwd, values.cache ?? path.join(path.dirname(contentRoot), '.briefpress', 'cache')),
    port,
    host: values.host,
    jobs,
    log: io.out,
  });
  io.out(`serving ${values.out} at http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${server.port}/ (watching ${values.content} and templates; Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

function usage(io: ServeIo, message: string): number {
  io.err(`briefpress: ${message}\nRun "briefpress --help" for usage.`);
  return 2;
}
