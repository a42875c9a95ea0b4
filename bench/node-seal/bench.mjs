// Times node-seal's (Microsoft SEAL 4.1 in WebAssembly) CKKS operations, the reference our C# engine is
// compared with (bench/compare/make-table.mjs). Parameter sets: N=8192 with bits 60,40,40,60 and N=16384
// with 60,40x6,60, scale 2^40, security tc128; operands at the first data level.
//
// Usage: node bench/node-seal/bench.mjs [--n 8192,16384] [--budget-s 60] [--out results.json]
//   --budget-s  measuring time per N, split evenly over the operations (default 60)
//   --out       write the JSON there instead of stdout
// Output: {"tool":"node-seal","version":"6.0.3","node":"v20..","results":[{"n":8192,"op":"multiplyPlain",
//          "medianNs":...,"iterations":...}, ...]}. The NTT rows (forwardNtt, inverseNtt) transform a whole
// size-2 ciphertext (2 polynomials x `primes` primes) and also give perPrimeNs = medianNs / (2 * primes),
// the cost of one single-prime transform of N coefficients.
// Method: every operation writes into a preallocated destination (as SEAL's own benchmarks do), runs
// untimed until warm, then is timed one call at a time; the median of those calls is reported.

import os from 'node:os'
import fs from 'node:fs'
import { ckksContext, ckksParameters, loadSeal, nodeSealVersion } from '../../tests/oracle/lib/seal-contexts.mjs'

const PARAMETER_SETS = { 8192: [60, 40, 40, 60], 16384: [60, 40, 40, 40, 40, 40, 40, 60] }
const SCALE = 2 ** 40
const WARMUP_MIN_CALLS = 3
const WARMUP_MIN_MS = 200
const MIN_ITERATIONS = 5
const MAX_ITERATIONS = 2000

function parseArgs (argv) {
  const args = { n: [8192, 16384], budgetS: 60, out: null }
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1]
    if (argv[i] === '--n') { args.n = value.split(',').map(Number); i++ } else if (argv[i] === '--budget-s') { args.budgetS = Number(value); i++ } else if (argv[i] === '--out') { args.out = value; i++ } else throw new Error(`unknown argument ${argv[i]}`)
  }
  for (const n of args.n) if (!PARAMETER_SETS[n]) throw new Error(`no parameter set for N=${n} (known: ${Object.keys(PARAMETER_SETS).join(', ')})`)
  if (!(args.budgetS > 0)) throw new Error('--budget-s must be positive')
  return args
}

const nowNs = () => process.hrtime.bigint()

function median (sorted) {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

// Warm `fn` up, then time single calls until `budgetMs` has passed (at least MIN_ITERATIONS calls).
function measure (fn, budgetMs) {
  const warmStart = nowNs()
  for (let calls = 0; calls < WARMUP_MIN_CALLS || Number(nowNs() - warmStart) / 1e6 < Math.min(WARMUP_MIN_MS, budgetMs / 10); calls++) fn()
  const samples = []
  const start = nowNs()
  while (samples.length < MAX_ITERATIONS && (samples.length < MIN_ITERATIONS || Number(nowNs() - start) / 1e6 < budgetMs)) {
    const t0 = nowNs()
    fn()
    samples.push(Number(nowNs() - t0))
  }
  samples.sort((a, b) => a - b)
  return { medianNs: median(samples), minNs: samples[0], iterations: samples.length }
}

function benchmarkN (seal, n, budgetMs) {
  const bits = PARAMETER_SETS[n]
  const parms = ckksParameters(seal, n, bits)
  const ctx = ckksContext(seal, parms, 'tc128')
  const kg = seal.KeyGenerator(ctx)
  const sk = kg.secretKey()
  const pk = kg.createPublicKey()
  const rk = kg.createRelinKeys()
  const gk = kg.createGaloisKeys(Int32Array.from([1, 0])) // rotation by 1 and conjugation (step 0)
  const encoder = seal.CKKSEncoder(ctx)
  const encryptor = seal.Encryptor(ctx, pk)
  const decryptor = seal.Decryptor(ctx, sk)
  const ev = seal.Evaluator(ctx)

  const values = Float64Array.from({ length: n / 2 }, (_, i) => ((i % 17) - 8) / 8)
  const pt = encoder.encode(values, SCALE)
  const ct = encryptor.encrypt(pt)
  const ct2 = encryptor.encrypt(pt)
  const product = ev.relinearize(ev.multiply(ct, ct2), rk) // scale 2^80: the input rescaling expects
  const ptDest = seal.PlainText()
  const ctDest = seal.CipherText()
  const ctCoeff = ev.cipherTransformFromNtt(ct)
  const primes = ct.coeffModulusSize

  const ops = {
    encode: () => encoder.encode(values, SCALE, ptDest),
    encryptPublic: () => encryptor.encrypt(pt, ctDest),
    decrypt: () => decryptor.decrypt(ct, ptDest),
    decode: () => encoder.decode(pt),
    add: () => ev.add(ct, ct2, ctDest),
    multiplyPlain: () => ev.multiplyPlain(ct, pt, ctDest),
    multiplyRelinearize: () => { ev.multiply(ct, ct2, ctDest); ev.relinearize(ctDest, rk, ctDest) },
    rescaleToNext: () => ev.rescaleToNext(product, ctDest),
    rotateVector: () => ev.rotateVector(ct, 1, gk, ctDest),
    complexConjugate: () => ev.complexConjugate(ct, gk, ctDest),
    forwardNtt: () => ev.cipherTransformToNtt(ctCoeff, ctDest),
    inverseNtt: () => ev.cipherTransformFromNtt(ct, ctDest)
  }
  const perOpMs = budgetMs / Object.keys(ops).length
  const results = []
  for (const [op, fn] of Object.entries(ops)) {
    const r = { n, bits, op, ...measure(fn, perOpMs) }
    if (op.endsWith('Ntt')) Object.assign(r, { primes, perPrimeNs: r.medianNs / (2 * primes) })
    console.error(`node-seal N=${n} ${op}: median ${(r.medianNs / 1e3).toFixed(1)} us over ${r.iterations} calls`)
    results.push(r)
  }
  for (const obj of [ctCoeff, ctDest, ptDest, product, ct2, ct, pt, ev, decryptor, encryptor, encoder, gk, rk, pk, sk, kg, ctx, parms]) obj.delete()
  return results
}

const args = parseArgs(process.argv.slice(2))
const seal = await loadSeal()
const report = {
  tool: 'node-seal',
  version: nodeSealVersion(),
  node: process.version,
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', logicalCores: os.availableParallelism(), platform: `${os.platform()} ${os.arch()}` },
  scale: SCALE,
  budgetSecondsPerN: args.budgetS,
  results: []
}
for (const n of args.n) report.results.push(...benchmarkN(seal, n, args.budgetS * 1000))
const json = JSON.stringify(report, null, 2) + '\n'
if (args.out) fs.writeFileSync(args.out, json)
else process.stdout.write(json)
