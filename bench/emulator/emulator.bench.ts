/**
 * npm run bench:emulator: tim-emulator's send path measured end to end (WebSocket frame in, group
 * commit, result out only after the commit) beside the raw better-sqlite3 durable insert ceiling, in
 * the same run on the same machine. The server runs as a child process (as users run it); the load
 * clients run here. Prints a table and whether the targets are met:
 *   - throughput through the whole stack >= half the batched-insert ceiling;
 *   - p99 < 20 ms at 1,000 msg/s with 100 connected clients.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openClients, paced, percentile, saturate } from './loadClients';
import { rawInsertRate } from './rawSqlite';

const ROOT = resolve(__dirname, '../..');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SATURATE_TOTAL = Number(process.env.BENCH_MESSAGES ?? 30000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
const PACED_RATE = 1000;
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/ts-register.cjs'), join(ROOT, 'src/emulator/cli.ts'), 'start', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] !== undefined) {
        resolveUrl({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function row(cells: string[]): string {
  const widths = [52, 12, 10, 10];
  return `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
}

async function main(): Promise<void> {
  const single = rawInsertRate(2000, 1);
  const batched = rawInsertRate(50000, 500);
  const dataDir = mkdtempSync(join(tmpdir(), 'tim-bench-'));
  const { child, url } = await startServer(dataDir);
  try {
    const app = JSON.parse(readFileSync(join(dataDir, 'app.json'), 'utf8')) as { sdkAppId: number; secretKey: string };
    const clients = await openClients(url, app, CLIENTS, 'bench');
    await saturate(clients, 2000, 2);
    const stack = await saturate(clients, SATURATE_TOTAL, WINDOW);
    const pacedRun = await paced(clients, PACED_RATE, PACED_SECONDS);
    clients.forEach((c) => c.close());
    const fmt = (n: number, digits = 0): string => n.toFixed(digits);
    const lines = [
      row(['scenario', 'msg/s', 'p50 ms', 'p99 ms']),
      row(['---', '---', '---', '---']),
      row(['raw better-sqlite3, 1 insert per transaction (FULL)', fmt(single.perSecond), '', '']),
      row(['raw better-sqlite3, batches of 500 (FULL)', fmt(batched.perSecond), '', '']),
      row([`tim-emulator, ${CLIENTS} clients x ${WINDOW} in flight, acked`, fmt(stack.perSecond), fmt(percentile(stack.latencies, 50), 2), fmt(percentile(stack.latencies, 99), 2)]),
      row([`tim-emulator, ${PACED_RATE} msg/s paced over ${CLIENTS} clients`, fmt(pacedRun.perSecond), fmt(percentile(pacedRun.latencies, 50), 2), fmt(percentile(pacedRun.latencies, 99), 2)]),
    ];
    process.stdout.write(`\ntim-emulator benchmark (Node ${process.version}, server in a child process)\n\n${lines.join('\n')}\n\n`);
    const half = batched.perSecond / 2;
    const p99 = percentile(pacedRun.latencies, 99);
    process.stdout.write(`target: stack >= half the batched ceiling (${fmt(half)} msg/s): ${stack.perSecond >= half ? 'MET' : 'NOT MET'} (${fmt(stack.perSecond)})\n`);
    process.stdout.write(`target: p99 < 20 ms at ${PACED_RATE} msg/s with ${CLIENTS} clients: ${p99 < 20 ? 'MET' : 'NOT MET'} (${fmt(p99, 2)} ms)\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
