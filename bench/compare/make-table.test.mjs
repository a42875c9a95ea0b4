// Tests for make-table.mjs on small hand-made inputs shaped like BenchmarkDotNet 0.14's JSON exporter
// output and bench/node-seal/bench.mjs output. The numbers are invented for the tests; they are not results.
// Run: node --test bench/compare/

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { benchmarkKey, buildRows, formatNs, parseParameters, readBdnReports, readNodeSeal, spliceSection } from './make-table.mjs'

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'make-table.mjs')

function bdnBenchmark (type, method, n, medianNs, extra = '') {
  return {
    DisplayInfo: `${type}.${method}: DefaultJob [N=${n}${extra ? ', ' + extra : ''}]`,
    Namespace: 'IcedServerless.Benchmarks',
    Type: type,
    Method: method,
    MethodTitle: method,
    Parameters: `N=${n}${extra ? '&' + extra : ''}`,
    FullName: `IcedServerless.Benchmarks.${type}.${method}(N: ${n})`,
    Statistics: medianNs === null ? null : { N: 15, Min: medianNs * 0.9, Median: medianNs, Mean: medianNs * 1.01, Max: medianNs * 1.2 }
  }
}

function writeFixtures () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'make-table-test-'))
  const results = path.join(dir, 'results')
  fs.mkdirSync(results)
  const host = { BenchmarkDotNetVersion: '0.14.0', RuntimeVersion: '.NET 10.0.0', ProcessorName: 'Test CPU', LogicalCoreCount: 2, OsVersion: 'Test OS' }
  fs.writeFileSync(path.join(results, 'IcedServerless.Benchmarks.CkksOperationBenchmarks-report-full-compressed.json'), JSON.stringify({
    Title: 'synthetic',
    HostEnvironmentInfo: host,
    Benchmarks: [
      bdnBenchmark('CkksOperationBenchmarks', 'MultiplyPlain', 8192, 200000),
      bdnBenchmark('CkksOperationBenchmarks', 'Add', 8192, 30000),
      bdnBenchmark('CkksOperationBenchmarks', 'Encode', 8192, null) // a failed benchmark: no statistics
    ]
  }))
  fs.writeFileSync(path.join(results, 'IcedServerless.Benchmarks.NttBenchmarks-report-full-compressed.json'), JSON.stringify({
    Title: 'synthetic',
    HostEnvironmentInfo: host,
    Benchmarks: [
      bdnBenchmark('NttBenchmarks', 'Forward', 8192, 70000, 'Bits=40'), // another prime size: not the compared case
      bdnBenchmark('NttBenchmarks', 'Forward', 8192, 50000, 'Bits=60'),
      bdnBenchmark('NttBenchmarks', 'ForwardScalar', 8192, 90000, 'Bits=60')
    ]
  }))
  fs.writeFileSync(path.join(results, 'unrelated-report.csv'), 'not json')
  const nodeSeal = path.join(dir, 'node-seal.json')
  fs.writeFileSync(nodeSeal, JSON.stringify({
    tool: 'node-seal',
    version: '6.0.3',
    node: 'v20.0.0',
    machine: { cpu: 'Test CPU', logicalCores: 2 },
    results: [
      { n: 8192, op: 'multiplyPlain', medianNs: 500000, iterations: 10 },
      { n: 8192, op: 'add', medianNs: 40000, iterations: 10 },
      { n: 8192, op: 'forwardNtt', medianNs: 1200000, primes: 3, perPrimeNs: 200000, iterations: 10 },
      { n: 16384, op: 'add', medianNs: 90000, iterations: 10 }
    ]
  }))
  return { dir, results, nodeSeal }
}

test('parseParameters splits BenchmarkDotNet parameter strings', () => {
  assert.deepEqual(parseParameters('N=8192&Mode=Fast'), { N: '8192', Mode: 'Fast' })
  assert.deepEqual(parseParameters(''), {})
})

test('benchmark keys carry the parameters other than N in name order', () => {
  assert.equal(benchmarkKey('NttBenchmarks', 'Forward', { N: '8192', Bits: '60' }), 'NttBenchmarks.Forward@8192&Bits=60')
  assert.equal(benchmarkKey('C', 'M', { Z: '1', N: '16384', A: 'x' }), 'C.M@16384&A=x&Z=1')
  assert.equal(benchmarkKey('C', 'M', { N: '8192' }), 'C.M@8192')
})

test('formatNs picks a readable unit', () => {
  assert.equal(formatNs(950), '950 ns')
  assert.equal(formatNs(552200), '552 µs')
  assert.equal(formatNs(10989500), '11.0 ms')
  assert.equal(formatNs(undefined), 'n/a')
})

test('rows pair our medians with node-seal by the mapping, ratio and target included', () => {
  const f = writeFixtures()
  const ours = readBdnReports(fs.readdirSync(f.results).filter(x => x.endsWith('.json')).map(x => path.join(f.results, x)))
  const rows = buildRows(ours, readNodeSeal(f.nodeSeal))
  const byOp = Object.fromEntries(rows.map(r => [`${r.operation}@${r.n}`, r]))

  assert.equal(byOp['Multiply plain@8192'].ratio, 0.4)
  assert.equal(byOp['Multiply plain@8192'].meets, true)
  assert.equal(byOp['Add@8192'].ratio, 0.75)
  assert.equal(byOp['Add@8192'].meets, false)
  // NTT: ours (one prime) against node-seal's per-prime figure, not its whole-ciphertext median.
  assert.equal(byOp['Forward NTT (one prime)@8192'].ratio, 0.25)
  // Only node-seal measured these: shown, but not compared.
  assert.equal(byOp['Add@16384'].oursNs, undefined)
  assert.equal(byOp['Add@16384'].meets, undefined)
  // The failed benchmark and the unmeasured operations produce no row.
  assert.equal(byOp['Encode@8192'], undefined)
  assert.equal(byOp['Decrypt@8192'], undefined)
  fs.rmSync(f.dir, { recursive: true })
})

test('spliceSection replaces only its own section and appends when missing', () => {
  const doc = '# Benchmarks\n\n## Other\n\nkeep me\n\n## CKKS engine vs node-seal\n\nold table\n\n## Later\n\nkeep too\n'
  const out = spliceSection(doc, 'CKKS engine vs node-seal', 'new table\n')
  assert.match(out, /## Other\n\nkeep me/)
  assert.match(out, /## CKKS engine vs node-seal\n\nnew table\n/)
  assert.match(out, /## Later\n\nkeep too/)
  assert.doesNotMatch(out, /old table/)
  assert.equal(spliceSection('', 'S', 'x\n'), '# Benchmarks\n\n## S\n\nx\n')
})

test('the command line writes the section into an existing document', () => {
  const f = writeFixtures()
  const doc = path.join(f.dir, 'benchmarks.md')
  fs.writeFileSync(doc, '# Benchmarks\n\n## Model\n\nmodel numbers\n')
  execFileSync(process.execPath, [SCRIPT, '--bdn', f.results, '--node', f.nodeSeal, '--out', doc, '--section', 'CKKS engine vs node-seal', '--machine', '2 cores, Test CPU'])
  const text = fs.readFileSync(doc, 'utf8')

  assert.match(text, /## Model\n\nmodel numbers/)
  assert.match(text, /Machine: 2 cores, Test CPU/)
  assert.match(text, /\| Multiply plain \| 8192 \| 200 µs \| 500 µs \| 0\.40 \| yes \|/)
  assert.match(text, /\| Add \| 16384 \| n\/a \| 90\.0 µs \| n\/a \| n\/a \|/)
  assert.match(text, /2 of 3 compared operations meet the target\./)
  fs.rmSync(f.dir, { recursive: true })
})

test('the command line fails clearly on a file that is not a report', () => {
  const f = writeFixtures()
  assert.throws(
    () => execFileSync(process.execPath, [SCRIPT, '--bdn', f.nodeSeal, '--node', f.nodeSeal, '--out', path.join(f.dir, 'x.md')], { stdio: 'pipe' }),
    e => /not a BenchmarkDotNet JSON report/.test(e.stderr.toString())
  )
  fs.rmSync(f.dir, { recursive: true })
})
