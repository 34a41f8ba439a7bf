// What the benchmark drivers (run.mjs, pageload.mjs) share: paths, progress lines,
// markdown tables, the machine's description, and `site serve` as a child process.

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** A path below the repository's root. */
export const at = (...parts) => path.join(ROOT, ...parts);
/** The `site` tool that scripts/bench builds. */
export const SITE_TOOL = at('target/debug/site');

/** A progress line, on stderr (stdout carries the report). */
export const log = (...parts) => console.error('   ', ...parts);

export const mark = (ok) => (ok ? '✅' : '❌');

/** A markdown table; `align[i]` is 'r' for a right-aligned column, anything else is left. */
export function table(header, rows, align) {
  const out = [`| ${header.join(' | ')} |`];
  out.push(`| ${header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---')).join(' | ')} |`);
  for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  return out.join('\n');
}

/** The machine the benchmark runs on. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  let distro = `${os.type()} ${os.release()}`;
  try {
    distro = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? distro;
  } catch {}
  return {
    cpu: model,
    cores: os.cpus().length,
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: distro,
    node: process.version,
    load: os.loadavg().map((x) => x.toFixed(2)).join(', '),
  };
}

/** [`machine`] with the version the Chromium at `chromePath` reports. */
export function machineWithChromium(chromePath) {
  let chromium = 'unknown';
  try {
    // (Debian's launcher script complains on stderr about something unrelated.)
    chromium = execFileSync(chromePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  return { ...machine(), chromium };
}

const servers = new Set();

/**
 * Starts `site serve DIR` at `addr` (a free port by default); resolves to its base URL,
 * with a trailing slash, once it prints its "Serving" line.
 */
export function serve(dir, addr = '127.0.0.1:0') {
  return new Promise((resolve, reject) => {
    const child = spawn(SITE_TOOL, ['serve', dir, '--addr', addr], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    servers.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`site serve ${dir} did not start in 30 s:\n${out}${err}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/ at (http:\/\/[^\s]+?)\/? \(/);
      if (m) {
        clearTimeout(timer);
        resolve(`${m[1]}/`);
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${SITE_TOOL}: ${e.message} (scripts/bench builds it)`));
    });
    child.on('exit', (code) => {
      servers.delete(child);
      clearTimeout(timer);
      reject(new Error(`site serve ${dir} exited (${code}):\n${out}${err}`));
    });
  });
}

/** Stops every server `serve` started. */
export function stopServers() {
  for (const child of servers) {
    child.kill('SIGINT'); // `site serve` stops on Ctrl-C
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }
  servers.clear();
}
