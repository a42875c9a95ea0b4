// Builds the "CKKS engine vs node-seal" Markdown table from BenchmarkDotNet JSON reports (our engine) and
// the JSON of bench/node-seal/bench.mjs (real SEAL 4.1 in WebAssembly).
//
// Usage: node bench/compare/make-table.mjs --bdn <results dir or report.json> [--bdn ...] --node <node-seal.json>
//          --out <file.md> [--section "CKKS engine vs node-seal"] [--machine "<text>"]
//   --bdn      a BenchmarkDotNet results folder (every *-report-full-compressed.json / *-report-full.json in it)
//              or one report file; may repeat
//   --section  replace (or append) the "## <section>" part of --out, keeping the rest of the file;
//              without it --out gets the table alone
//   --machine  a line describing the machine, printed above the table
// BenchmarkDotNet's Statistics.Median is in nanoseconds per operation; a benchmark is identified by its
// class ("Type"), its method and its N parameter ("Parameters": "N=8192").

import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** The target: our median may be at most this fraction of node-seal's. */
export const TARGET_RATIO = 0.5

/**
 * Which of our benchmarks is compared with which node-seal row. `ours` is [BenchmarkDotNet class, method] and
 * optionally the values of its parameters other than N ({ Bits: '60' }); `nodeSeal` is the bench.mjs op name;
 * `nodeField` the node-seal number compared (default medianNs).
 * Our NttBenchmarks time one single-prime transform of N coefficients (here a 60-bit prime on the default path),
 * so they are compared with node-seal's whole-ciphertext NTT divided by the number of transforms it does
 * (perPrimeNs).
 */
export const MAPPING = [
  { operation: 'Encode', ours: ['CkksOperationBenchmarks', 'Encode'], nodeSeal: 'encode' },
  { operation: 'Encrypt (public key)', ours: ['CkksOperationBenchmarks', 'EncryptPublic'], nodeSeal: 'encryptPublic' },
  { operation: 'Decrypt', ours: ['CkksOperationBenchmarks', 'Decrypt'], nodeSeal: 'decrypt' },
  { operation: 'Decode', ours: ['CkksOperationBenchmarks', 'Decode'], nodeSeal: 'decode' },
  { operation: 'Add', ours: ['CkksOperationBenchmarks', 'Add'], nodeSeal: 'add' },
  { operation: 'Multiply plain', ours: ['CkksOperationBenchmarks', 'MultiplyPlain'], nodeSeal: 'multiplyPlain' },
  { operation: 'Multiply + relinearize', ours: ['CkksOperationBenchmarks', 'MultiplyRelinearize'], nodeSeal: 'multiplyRelinearize' },
  { operation: 'Rescale to next', ours: ['CkksOperationBenchmarks', 'RescaleToNext'], nodeSeal: 'rescaleToNext' },
  { operation: 'Rotate vector (1 step)', ours: ['CkksOperationBenchmarks', 'RotateVector'], nodeSeal: 'rotateVector' },
  { operation: 'Complex conjugate', ours: ['CkksOperationBenchmarks', 'ComplexConjugate'], nodeSeal: 'complexConjugate' },
  { operation: 'Forward NTT (one prime)', ours: ['NttBenchmarks', 'Forward', { Bits: '60' }], nodeSeal: 'forwardNtt', nodeField: 'perPrimeNs' },
  { operation: 'Inverse NTT (one prime)', ours: ['NttBenchmarks', 'Inverse', { Bits: '60' }], nodeSeal: 'inverseNtt', nodeField: 'perPrimeNs' }
]

/** The report files a --bdn argument names: the file itself, or the JSON reports in a results folder. */
export function bdnReportFiles (target) {
  if (!fs.statSync(target).isDirectory()) return [target]
  const names = fs.readdirSync(target).filter(f => f.endsWith('-report-full-compressed.json') || f.endsWith('-report-full.json'))
  return names.sort().map(f => path.join(target, f))
}

/** Parses BenchmarkDotNet's "Parameters" string ("N=8192&Other=x") into an object. */
export function parseParameters (text) {
  const params = {}
  for (const pair of (text ?? '').split('&')) {
    const eq = pair.indexOf('=')
    if (eq > 0) params[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return params
}

/** The key of one benchmark case: "Class.Method@N", then its other parameters in name order ("&Bits=60"). */
export function benchmarkKey (type, method, params) {
  const others = Object.keys(params).filter(k => k !== 'N').sort().map(k => `&${k}=${params[k]}`).join('')
  return `${type}.${method}@${params.N}${others}`
}

/**
 * Reads BenchmarkDotNet JSON reports into {host, medians}: medians maps benchmarkKey to the median in ns.
 * Benchmarks without statistics (failed runs) are skipped; a duplicate keeps the first report's value.
 */
export function readBdnReports (files) {
  const medians = new Map()
  let host = null
  for (const file of files) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'))
    if (!Array.isArray(report.Benchmarks)) throw new Error(`${file} is not a BenchmarkDotNet JSON report (no "Benchmarks" array)`)
    host ??= report.HostEnvironmentInfo ?? null
    for (const b of report.Benchmarks) {
      const medianNs = b.Statistics?.Median
      const params = parseParameters(b.Parameters)
      if (typeof medianNs !== 'number' || !Number.isFinite(Number(params.N))) continue
      const key = benchmarkKey(b.Type, b.Method, params)
      if (!medians.has(key)) medians.set(key, medianNs)
    }
  }
  return { host, medians }
}

/** Reads bench.mjs output into {report, values}: values maps "op@N" to the row. */
export function readNodeSeal (file) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (report.tool !== 'node-seal' || !Array.isArray(report.results)) throw new Error(`${file} is not bench/node-seal/bench.mjs output`)
  const values = new Map(report.results.map(r => [`${r.op}@${r.n}`, r]))
  return { report, values }
}

/** One row per mapped operation and N that has a measurement on at least one side. */
export function buildRows (ours, nodeSeal) {
  const ns = [...new Set([...nodeSeal.values.values()].map(r => r.n))]
  for (const key of ours.medians.keys()) ns.push(parseInt(key.split('@')[1], 10))
  const rows = []
  for (const n of [...new Set(ns)].sort((a, b) => a - b)) {
    for (const m of MAPPING) {
      const oursNs = ours.medians.get(benchmarkKey(m.ours[0], m.ours[1], { ...m.ours[2], N: String(n) }))
      const theirs = nodeSeal.values.get(`${m.nodeSeal}@${n}`)
      const theirsNs = theirs?.[m.nodeField ?? 'medianNs']
      if (oursNs === undefined && theirsNs === undefined) continue
      const ratio = oursNs !== undefined && theirsNs ? oursNs / theirsNs : undefined
      rows.push({ operation: m.operation, n, oursNs, theirsNs, ratio, meets: ratio === undefined ? undefined : ratio <= TARGET_RATIO })
    }
  }
  return rows
}

/** A duration in ns with a readable unit and three significant digits. */
export function formatNs (ns) {
  if (ns === undefined) return 'n/a'
  const [value, unit] = ns >= 1e9 ? [ns / 1e9, 's'] : ns >= 1e6 ? [ns / 1e6, 'ms'] : ns >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns']
  return `${value.toPrecision(3)} ${unit}`
}

/** The Markdown body: provenance lines, the table, and a one-line summary. */
export function renderMarkdown (rows, ours, nodeSeal, machine) {
  const lines = []
  if (machine) lines.push(`Machine: ${machine}`, '')
  const h = ours.host
  if (h) {
    lines.push(`Ours: BenchmarkDotNet ${h.BenchmarkDotNetVersion}, ${h.RuntimeVersion}, ${h.ProcessorName}, ` +
      `${h.LogicalCoreCount} logical cores, ${h.OsVersion}; BenchmarkDotNet's median per operation.`)
  } else {
    lines.push('Ours: no BenchmarkDotNet results were found.')
  }
  const r = nodeSeal.report
  lines.push(`node-seal ${r.version} (Microsoft SEAL 4.1 in WebAssembly) on Node ${r.node}, ${r.machine?.cpu ?? 'unknown CPU'}, ` +
    `${r.machine?.logicalCores ?? '?'} logical cores; median of single calls after warm-up.`)
  lines.push(`Target: ours / node-seal <= ${TARGET_RATIO}. NTT rows compare one single-prime transform of N coefficients.`, '')
  lines.push('| Operation | N | Ours (median) | node-seal (median) | Ours / node-seal | Meets target (<= 0.5) |')
  lines.push('| --- | ---: | ---: | ---: | ---: | :---: |')
  for (const row of rows) {
    const ratio = row.ratio === undefined ? 'n/a' : row.ratio.toFixed(2)
    const meets = row.meets === undefined ? 'n/a' : (row.meets ? 'yes' : 'no')
    lines.push(`| ${row.operation} | ${row.n} | ${formatNs(row.oursNs)} | ${formatNs(row.theirsNs)} | ${ratio} | ${meets} |`)
  }
  const compared = rows.filter(row => row.meets !== undefined)
  lines.push('', compared.length === 0
    ? 'No operation was measured on both sides.'
    : `${compared.filter(row => row.meets).length} of ${compared.length} compared operations meet the target.`)
  return lines.join('\n') + '\n'
}

/** Replaces the "## title" section of `doc` (up to the next "## " heading) with `body`, or appends it. */
export function spliceSection (doc, title, body) {
  const section = `## ${title}\n\n${body}`
  const lines = doc.split('\n')
  const start = lines.findIndex(l => l.trim() === `## ${title}`)
  if (start < 0) return (doc.trimEnd() === '' ? '# Benchmarks\n' : doc.trimEnd() + '\n') + '\n' + section
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l))
  if (end < 0) end = lines.length
  const before = lines.slice(0, start).join('\n')
  const after = lines.slice(end).join('\n')
  return before + (before ? '\n' : '') + section + (after ? '\n' + after : '')
}

function parseArgs (argv) {
  const args = { bdn: [], node: null, out: null, section: null, machine: null }
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    if (flag === '--bdn') args.bdn.push(value)
    else if (flag === '--node') args.node = value
    else if (flag === '--out') args.out = value
    else if (flag === '--section') args.section = value
    else if (flag === '--machine') args.machine = value
    else throw new Error(`unknown argument ${flag}`)
  }
  if (!args.node || !args.out) throw new Error('usage: make-table.mjs --bdn <dir|file> --node <node-seal.json> --out <file.md> [--section <title>] [--machine <text>]')
  return args
}

/** The command line: reads the reports, writes the table (or the section) to --out. */
export function main (argv) {
  const args = parseArgs(argv)
  const ours = readBdnReports(args.bdn.flatMap(bdnReportFiles))
  const nodeSeal = readNodeSeal(args.node)
  const body = renderMarkdown(buildRows(ours, nodeSeal), ours, nodeSeal, args.machine)
  const existing = args.section && fs.existsSync(args.out) ? fs.readFileSync(args.out, 'utf8') : ''
  fs.writeFileSync(args.out, args.section ? spliceSection(existing, args.section, body) : body)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2))
  } catch (e) {
    console.error(`make-table: ${e.message}`)
    process.exit(1)
  }
}
