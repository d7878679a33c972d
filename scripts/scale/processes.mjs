// The processes of the scale-out proof: built api and worker processes as children (killable with any
// signal, restartable on the same port), their CPU time from /proc, and the one public URL (a tiny
// round-robin proxy) that the sandbox's callbacks, the adapter's calls and the workers use.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs } from '../../bench/lib/harness.mjs';

/**
 * One slot (api-1, worker-2, ...): the instance running now and every instance it had, each with the CPU
 * it used while the load ran (`sampleCpu` keeps the last value read, so a killed instance keeps its own).
 */
export function processSlot(root, kind, index, env) {
  const main = resolve(root, `dist/apps/${kind}/src/main.js`);
  const slot = { label: `${kind}-${index + 1}`, kind, env, instances: [], current: null };
  slot.start = () => {
    const child = spawn(process.execPath, ['--disable-warning=FSTWRN004', main], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-32768));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const inst = {
      pid: child.pid,
      startedAt: Date.now(),
      killedAt: null,
      cpuBase: null,
      cpuLast: null,
      exit: null,
      output: () => output,
      kill: (signal) => child.kill(signal),
    };
    inst.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        inst.exit = { code, signal };
        done(inst.exit);
      }),
    );
    slot.instances.push(inst);
    slot.current = inst;
    return inst;
  };
  return slot;
}

/** Record the CPU so far of every live instance; the first reading after `markBase` is its baseline. */
export function sampleCpu(slots) {
  for (const slot of slots)
    for (const inst of slot.instances) {
      if (inst.exit) continue;
      const ms = processCpuMs(inst.pid);
      if (ms === null) continue;
      inst.cpuBase ??= ms;
      inst.cpuLast = ms;
    }
}

/** CPU seconds the slot's instances used since their baselines. */
export function slotCpuSeconds(slot) {
  return slot.instances.reduce((s, i) => s + ((i.cpuLast ?? 0) - (i.cpuBase ?? 0)) / 1000, 0);
}

/** Wait until `url` answers 200, failing early when the instance dies. */
export async function waitHealthy(slot, url, timeoutMs = 180_000) {
  const inst = slot.current;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (inst.exit) throw new Error(`${slot.label} exited ${JSON.stringify(inst.exit)}:\n${inst.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(10_000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${slot.label}: ${url} not healthy within ${timeoutMs} ms:\n${inst.output()}`);
}

/** Wait until the instance prints a line matching `re` (the worker serves no HTTP). */
export async function waitOutput(slot, re, timeoutMs = 180_000) {
  const inst = slot.current;
  const deadline = Date.now() + timeoutMs;
  while (!re.test(inst.output())) {
    if (inst.exit) throw new Error(`${slot.label} exited ${JSON.stringify(inst.exit)}:\n${inst.output()}`);
    if (Date.now() > deadline) throw new Error(`${slot.label} did not start:\n${inst.output()}`);
    await sleep(100);
  }
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopSlot(slot) {
  const inst = slot.current;
  if (!inst || inst.exit) return;
  inst.kill('SIGTERM');
  const timer = setTimeout(() => inst.kill('SIGKILL'), 10_000);
  await inst.exited;
  clearTimeout(timer);
}

/**
 * The public URL: forwards each request to the next api in turn; an api that refuses the connection is
 * skipped (a load balancer's health check in one line). Bodies are buffered: the traffic through it is
 * the sandbox's small JSON calls and callbacks.
 */
export async function startProxy(upstreams) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const stats = { forwarded: 0, skipped: 0, failed: 0 };
  let next = 0;
  const forward = (i, req, body, res, tried) => {
    const up = new URL(upstreams[i]);
    const out = http.request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        stats.forwarded++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (err) => {
      if (err.code === 'ECONNREFUSED' && tried < upstreams.length) {
        stats.skipped++;
        forward((i + 1) % upstreams.length, req, body, res, tried + 1);
        return;
      }
      stats.failed++;
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    out.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      next = (next + 1) % upstreams.length;
      forward(next, req, Buffer.concat(chunks), res, 1);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    async stop() {
      server.closeAllConnections();
      server.close();
      agent.destroy();
      await once(server, 'close');
    },
  };
}
