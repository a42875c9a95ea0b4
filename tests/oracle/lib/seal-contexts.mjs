// Loading node-seal and building CKKS contexts the way SEAL clients do (modulus chain expanded), plus the
// oracle's registry of live contexts with the helpers (encoder, evaluator) each one reuses.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import { RequestError } from './seal-objects.mjs'

const SECURITY = ['none', 'tc128', 'tc192', 'tc256']

/** Loads node-seal's WebAssembly SEAL; resolves to the library object (`seal.Evaluator`, ...). */
export async function loadSeal () {
  const mod = await import('node-seal')
  const SEAL = mod.default ?? mod
  return SEAL()
}

/** The installed node-seal package version (its package.json), e.g. "6.0.3". */
export function nodeSealVersion () {
  const require = createRequire(import.meta.url)
  return JSON.parse(fs.readFileSync(require.resolve('node-seal/package.json'), 'utf8')).version
}

/** CKKS EncryptionParameters for degree `n` with primes chosen by `CoeffModulus.Create(n, bits)`. */
export function ckksParameters (seal, n, bits) {
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks)
  parms.setPolyModulusDegree(n)
  const moduli = seal.CoeffModulus.Create(n, Int32Array.from(bits))
  parms.setCoeffModulus(moduli)
  moduli.delete()
  return parms
}

/** A SEAL context with the whole modulus-switching chain, or a SEAL-style error if SEAL refuses the parameters. */
export function ckksContext (seal, parms, security) {
  const level = security ?? 'tc128'
  if (!SECURITY.includes(level)) throw new RequestError(`unknown security "${level}" (${SECURITY.join(', ')})`)
  const ctx = seal.Context(parms, true, seal.SecurityLevel[level])
  if (!ctx.parametersSet()) {
    ctx.delete()
    throw new Error('encryption parameters are not set correctly (SEAL rejected them for this security level)')
  }
  return ctx
}

/** The parms_id words of a level as 0x-prefixed 16-digit hex strings, in serialized order. */
export function parmsIdHex (parmsId) {
  return Array.from(parmsId.values, w => '0x' + w.toString(16).padStart(16, '0'))
}

/** Facts about every level, from the key level (chain index K-1) down to chain index 0. */
export function describeChain (ctx) {
  const levels = []
  let cd = ctx.keyContextData
  for (;;) {
    const pid = cd.parmsId
    levels.push({ chainIndex: cd.chainIndex, parmsId: parmsIdHex(pid) })
    pid.delete()
    if (cd.chainIndex === 0) break
    cd = cd.nextContextData
  }
  return levels
}

/** The oracle's live contexts by id; equal parameter requests share one context. */
export class ContextRegistry {
  #seal
  #byId = new Map()
  #byKey = new Map()
  #next = 1

  constructor (seal) { this.#seal = seal }

  /** Returns the entry for `key`, creating it with `build()` (which returns {parms, ctx}) the first time. */
  obtain (key, build) {
    const known = this.#byKey.get(key)
    if (known) return known
    const { parms, ctx } = build()
    const seal = this.#seal
    const entry = {
      id: 'ctx' + this.#next++,
      key,
      parms,
      ctx,
      n: parms.polyModulusDegree,
      encoder: seal.CKKSEncoder(ctx),
      evaluator: seal.Evaluator(ctx)
    }
    this.#byId.set(entry.id, entry)
    this.#byKey.set(key, entry)
    return entry
  }

  /** The entry a request names in "ctx"; a request error when it names none or an unknown one. */
  get (id) {
    if (typeof id !== 'string') throw new RequestError('"ctx" (an id from the context op) is required')
    const entry = this.#byId.get(id)
    if (!entry) throw new RequestError(`unknown ctx "${id}"`)
    return entry
  }

  /** Frees a context and its helpers. */
  release (id) {
    const entry = this.get(id)
    this.#byId.delete(entry.id)
    this.#byKey.delete(entry.key)
    for (const obj of [entry.evaluator, entry.encoder, entry.ctx, entry.parms]) obj.delete()
  }
}
