// seal-oracle: real Microsoft SEAL 4.1 (npm node-seal 6.0.3, WebAssembly) behind a newline-delimited JSON
// protocol, so the C# interop tests can ask SEAL to make, check and transform objects.
//
// Run: node tests/oracle/seal-oracle.mjs   (after `npm ci` at the repository root)
//
// PROTOCOL. One request per line on stdin, one response per line on stdout, in request order. Nothing else
// is ever written to stdout (diagnostics go to stderr). The process exits when stdin closes.
//   request:  {"id": 1, "op": "<op>", ...fields}
//   success:  {"id": 1, "ok": true, ...result fields}
//   failure:  {"id": 1, "ok": false, "error": "<message>", "errorKind": "seal" | "request" | "io" | "internal"}
//             "seal" = SEAL threw (the message is SEAL's own, e.g. "ciphertext data is invalid");
//             "request" = the request is malformed; "io" = a file could not be read or written;
//             "internal" = a fault in the oracle itself. A line that is not JSON gets "id": null.
//
// OBJECTS. An input object is {"path": "<file>"} or {"b64": "<base64>"} (serialized SEAL bytes, any
// compression). Outputs go to the path the request's "out" names: a string for single-output ops, or a
// map {"<output name>": "<file>"} for ops with several outputs; an output without a path comes back inline.
// Each output in a response is {"path": "<file>", "bytes": n} or {"b64": "<base64>", "bytes": n}.
// "compression": "none" (default here; node-seal's own default is zstd) | "zlib" | "zstd" for every output.
// Values to encode: "values": [numbers] or "valuesB64": base64 of little-endian float64s. Decoded slots
// come back as "slotsB64" (all N/2 real parts, little-endian float64), "count", and "first": the first
// "first" (default 8) values as numbers.
// Ciphertext results also report chainIndex, scale, size and isNttForm.
//
// OPS.
//   hello                   -> {sealVersion, nodeSealVersion, node}
//   context  {n, bits:[60,40,40,60], security?: "tc128"|"tc192"|"tc256"|"none"}  or  {parms: obj, security?}
//            -> {ctx, n, slots, primes: [decimal strings], chainIndexes: [K-1..0],
//                parmsIds: [[4 hex words] per level, key level first], parms: <EncryptionParameters>}
//            The modulus chain is expanded (as SEAL clients do). Equal requests share one ctx id.
//   keygen   {ctx, secretKey?: obj, publicKey?: "full"|"seeded"|"none" (default full),
//             relinKeys?: "full"|"seeded"|"none" (default none), galoisSteps?: [int],
//             galoisKeys?: "full"|"seeded" (default full)}
//            -> {secretKey, publicKey?, relinKeys?, galoisKeys?, galoisElts?}; outputs named as listed.
//            With "secretKey" the keys belong to that secret (SEAL's KeyGenerator(ctx, sk)).
//            Galois keys come from rotation steps (node-seal exposes no element-based creation): step s > 0
//            gives element 3^s mod 2N, s < 0 gives 3^(N/2+s) mod 2N, and step 0 gives 2N-1, the complex
//            conjugation element. An empty list gives SEAL's default set (steps 0, +-1, +-2, +-4, ...).
//            "galoisElts" lists the elements the keys cover.
//   encode   {ctx, values|valuesB64, scale, chainIndex?} -> {plaintext, chainIndex, scale}
//            (encoded at the first data level, then mod-switched down to chainIndex if given)
//   decode   {ctx, plaintext: obj, first?} -> {count, slotsB64, first}
//   encrypt  {ctx, publicKey: obj, plaintext: obj | values+scale(+chainIndex)} -> {ciphertext, ...}
//   encryptSymmetric {ctx, secretKey: obj, plaintext: obj | values+scale(+chainIndex), seeded?: bool}
//            -> {ciphertext, seeded} (the seeded form is SEAL's Serializable: c1 replaced by a PRNG seed)
//   decrypt  {ctx, secretKey: obj, ciphertext: obj, first?} -> {count, slotsB64, first, chainIndex, scale, size}
//   evaluate {ctx, name, a?, b?, plain?, relinKeys?, galoisKeys?, steps?, galoisElt?} -> {result, kind, ...}
//            names: add(a,b) sub(a,b) negate(a) multiply(a,b) square(a) relinearize(a,relinKeys)
//            rescaleToNext(a) modSwitchToNext(a | plain) addPlain(a,plain) subPlain(a,plain)
//            multiplyPlain(a,plain) rotateVector(a,steps,galoisKeys) complexConjugate(a,galoisKeys)
//            applyGalois(a,galoisElt,galoisKeys). a and b are Ciphertexts, plain a Plaintext.
//   load     {ctx (not for EncryptionParameters), kind, obj} -> {kind, ...facts}; ok:false with SEAL's message
//            when SEAL rejects the bytes. kind: Ciphertext | Plaintext | PublicKey | SecretKey | RelinKeys |
//            GaloisKeys | EncryptionParameters.
//   saveAs   {ctx?, kind, obj, compression} -> {object}: SEAL loads the object and saves it again (for
//            example to make zlib/zstd variants, or the full form of a seeded object).
//   release  {ctx} -> {}: frees a context.

import readline from 'node:readline'
import { ContextRegistry, loadSeal } from './lib/seal-contexts.mjs'
import { createOps } from './lib/seal-ops.mjs'
import { RequestError, Scope } from './lib/seal-objects.mjs'

// The protocol owns stdout: route every console.log (ours or the WebAssembly runtime's) to stderr before
// node-seal is loaded, because Emscripten binds its print function when the module starts.
console.log = console.error
const writeLine = obj => process.stdout.write(JSON.stringify(obj) + '\n')

function classify (e) {
  if (e instanceof RequestError) return 'request'
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') return 'io'
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return 'internal'
  return 'seal'
}

function handle (ops, line) {
  if (line.trim() === '') return
  let req
  try {
    req = JSON.parse(line)
  } catch (e) {
    writeLine({ id: null, ok: false, error: 'request is not valid JSON: ' + e.message, errorKind: 'request' })
    return
  }
  const id = req && typeof req === 'object' && (typeof req.id === 'number' || typeof req.id === 'string') ? req.id : null
  const scope = new Scope()
  try {
    if (id === null) throw new RequestError('"id" (a number or string) is required')
    const op = Object.hasOwn(ops, req.op) ? ops[req.op] : undefined
    if (!op) throw new RequestError(`unknown op "${req.op}" (${Object.keys(ops).join(', ')})`)
    writeLine({ id, ok: true, ...op(req, scope) })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const errorKind = classify(e)
    if (errorKind === 'internal') console.error(`seal-oracle: request ${id} (${req.op}) failed:`, e)
    writeLine({ id, ok: false, error: message, errorKind })
  } finally {
    scope.close()
  }
}

process.on('uncaughtException', e => { console.error('seal-oracle: uncaught exception:', e) })

const seal = await loadSeal()
const ops = createOps(seal, new ContextRegistry(seal))
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', line => handle(ops, line))
rl.on('close', () => process.exit(0))
