// Summarise a V8 .cpuprofile (node --cpu-prof) by where the main thread's time went, within the
// measured window: per package or app lib, and the top functions. Async stacks are cut at every await,
// so self time per package is the robust figure; inclusive time per request is not attempted.
// "attributed" charges the time of native code and Node internals (socket writes, timers, promise
// jobs) to the nearest package on the stack that called into them.

const NEUTRAL = new Set(['(native)', 'node internals', '(program)', '(garbage collector)', '(root)']);

/** Package of a script URL: an npm package, an app lib (dist/libs/<lib>), Node's internals or undici. */
function ownerOf(url, functionName, root) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'undici (Node fetch)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const lib = /\/dist\/libs\/([^/]+)\//.exec(path);
  if (lib) return `app libs/${lib[1]}`;
  if (path.includes('/dist/apps/')) return 'app apps/api';
  return path.startsWith(root) ? path.slice(root.length + 1) : path;
}

/**
 * `windowUs`: [start, end] in µs of the monotonic clock (process.hrtime of the benchmark; V8 profiles
 * use the same clock on Linux). Samples outside it are ignored; without it, or when it does not overlap
 * the profile, the whole profile is summarised.
 */
export function summariseCpuProfile(profile, root, windowUs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerCache = new Map();
  const owner = (id) => {
    if (!ownerCache.has(id)) {
      const { callFrame } = byId.get(id);
      ownerCache.set(id, ownerOf(callFrame.url, callFrame.functionName, root));
    }
    return ownerCache.get(id);
  };
  const attributed = (id) => {
    const own = owner(id);
    if (!NEUTRAL.has(own)) return own;
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const o = owner(p);
      if (!NEUTRAL.has(o)) return o;
    }
    return own;
  };

  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  const inWindow =
    windowUs && windowUs[0] < profile.endTime && windowUs[1] > profile.startTime
      ? (ts) => ts >= windowUs[0] && ts <= windowUs[1]
      : () => true;
  const selfUs = new Map();
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    // timeDeltas[i] is the time before sample i; the time until the next sample belongs to this one.
    const dt = timeDeltas[i + 1] ?? 0;
    if (inWindow(t)) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map();
  const byAttributed = new Map();
  const byFunction = new Map();
  const add = (map, k, us) => map.set(k, (map.get(k) ?? 0) + us);
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const own = owner(id);
    add(byOwner, own, us);
    add(byAttributed, own === '(idle)' ? own : attributed(id), us);
    const where = callFrame.url ? `${own}:${callFrame.lineNumber + 1}` : own;
    add(
      byFunction,
      own === '(idle)' ? '(idle)' : `${callFrame.functionName || '(anonymous)'} [${where}]`,
      us,
    );
  }
  const idleUs = byOwner.get('(idle)') ?? 0;
  const busyUs = totalUs - idleUs;
  const rows = (map, n) =>
    [...map]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => ({
        what: k,
        ms: Math.round(us / 1000),
        share_of_busy: Math.round((us / busyUs) * 1000) / 10,
      }));
  const self = rows(byOwner, 16);
  const charged = rows(byAttributed, 16);
  const functions = rows(byFunction, 25);
  const line = (r) => `  ${String(r.share_of_busy).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.what}`;
  const windowed =
    windowUs && inWindow !== undefined && windowUs[0] < profile.endTime && windowUs[1] > profile.startTime;
  return {
    window: windowed ? 'measured phase (first callback sent .. all successful)' : 'whole profile',
    profiled_ms: Math.round(totalUs / 1000),
    busy_ms: Math.round(busyUs / 1000),
    idle_ms: Math.round(idleUs / 1000),
    self_by_package: self,
    attributed_by_package: charged,
    top_functions: functions,
    text: [
      `  ${windowed ? 'measured phase' : 'whole profile'}: ${Math.round(totalUs / 1000)} ms of the app's main thread, ` +
        `busy ${Math.round(busyUs / 1000)} ms, idle ${Math.round(idleUs / 1000)} ms`,
      '  self time by package:',
      ...self.map(line),
      '  native and Node-internal time charged to the calling package:',
      ...charged.map(line),
      '  top functions (self):',
      ...functions.slice(0, 15).map(line),
    ].join('\n'),
  };
}
