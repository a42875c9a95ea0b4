// Moving SEAL objects in and out of the oracle: object references ({path} or {b64}), compression names,
// value vectors, and a scope that frees every WASM object a request created (node-seal objects live in the
// WebAssembly heap and are only released by .delete()).

import fs from 'node:fs'

/** An error in the request itself (missing or malformed field); reported with errorKind "request". */
export class RequestError extends Error {}

/** Collects node-seal objects created while serving one request and deletes them all at the end. */
export class Scope {
  #objects = []

  /** Registers `obj` for deletion when the scope closes and returns it. */
  track (obj) {
    if (obj && typeof obj.delete === 'function') this.#objects.push(obj)
    return obj
  }

  /** Deletes every tracked object, newest first; one failing delete does not stop the others. */
  close () {
    while (this.#objects.length > 0) {
      const obj = this.#objects.pop()
      // One failing delete must not keep the remaining objects from being freed.
      try { obj.delete() } catch (e) { console.error('seal-oracle: delete failed:', e) }
    }
  }
}

/** Reads the bytes an object reference names: `{"path": "..."}` or `{"b64": "..."}`. */
export function readObjectBytes (ref, field) {
  if (ref === null || typeof ref !== 'object') throw new RequestError(`"${field}" must be an object {"path"} or {"b64"}`)
  if (typeof ref.path === 'string') return new Uint8Array(fs.readFileSync(ref.path))
  if (typeof ref.b64 === 'string') return new Uint8Array(Buffer.from(ref.b64, 'base64'))
  throw new RequestError(`"${field}" needs a "path" or a "b64" string`)
}

/**
 * Writes `bytes` where the request asks: to the path `out` names (a string, or `out[name]` when `out` is a
 * map of several outputs), or inline as base64 when no path is named. Returns the response's reference.
 */
export function writeObjectBytes (bytes, out, name) {
  const target = typeof out === 'string' ? out : (out && typeof out === 'object' ? out[name] : undefined)
  if (target === undefined || target === null) return { b64: Buffer.from(bytes).toString('base64'), bytes: bytes.length }
  if (typeof target !== 'string') throw new RequestError(`output path for "${name}" must be a string`)
  fs.writeFileSync(target, bytes)
  return { path: target, bytes: bytes.length }
}

/** Maps "none" | "zlib" | "zstd" to node-seal's ComprModeType; the oracle's default is "none". */
export function compressionMode (seal, name) {
  const key = name ?? 'none'
  if (key !== 'none' && key !== 'zlib' && key !== 'zstd') throw new RequestError(`unknown compression "${key}" (none, zlib, zstd)`)
  return seal.ComprModeType[key]
}

/** Saves a node-seal object (or Serializable) with the request's compression and writes it out. */
export function saveObject (seal, obj, req, name) {
  return writeObjectBytes(obj.saveArray(compressionMode(seal, req.compression)), req.out, name)
}

/** The kinds `load` and `saveAs` understand, mapped to node-seal constructors. */
const KINDS = {
  Ciphertext: seal => seal.CipherText(),
  Plaintext: seal => seal.PlainText(),
  PublicKey: seal => seal.PublicKey(),
  SecretKey: seal => seal.SecretKey(),
  RelinKeys: seal => seal.RelinKeys(),
  GaloisKeys: seal => seal.GaloisKeys(),
  EncryptionParameters: seal => seal.EncryptionParameters()
}

/** Every object kind name, for error messages and documentation. */
export const KIND_NAMES = Object.keys(KINDS)

/**
 * Loads the bytes `ref` names as a `kind` object; SEAL validates them (header, sizes, parms_id, every word
 * below its prime) and throws its own message when they are invalid. `ctx` is unused for parameters.
 */
export function loadObject (seal, scope, ctx, kind, ref, field) {
  const make = KINDS[kind]
  if (!make) throw new RequestError(`unknown kind "${kind}" (${KIND_NAMES.join(', ')})`)
  const bytes = readObjectBytes(ref, field)
  const obj = scope.track(make(seal))
  if (kind === 'EncryptionParameters') {
    obj.loadArray(bytes)
  } else {
    if (!ctx) throw new RequestError(`loading a ${kind} needs "ctx"`)
    obj.loadArray(ctx, bytes)
  }
  return obj
}

/**
 * Reads the real values to encode: `"values": [numbers]` or `"valuesB64"`, the base64 of little-endian
 * float64s (compact for thousands of slots).
 */
export function readValues (req) {
  if (typeof req.valuesB64 === 'string') {
    const buf = Buffer.from(req.valuesB64, 'base64')
    if (buf.length % 8 !== 0) throw new RequestError('"valuesB64" length is not a multiple of 8 bytes')
    const out = new Float64Array(buf.length / 8)
    for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8)
    return out
  }
  if (!Array.isArray(req.values)) throw new RequestError('"values" (array of numbers) or "valuesB64" is required')
  for (const v of req.values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RequestError('"values" must hold finite numbers only')
  }
  return Float64Array.from(req.values)
}

/** Encodes decoded slots as base64 little-endian float64s, independent of the host's byte order. */
export function valuesToB64 (values) {
  const buf = Buffer.alloc(values.length * 8)
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i], i * 8)
  return buf.toString('base64')
}

/** Reads a required finite number field. */
export function requireNumber (req, field) {
  const v = req[field]
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RequestError(`"${field}" (a finite number) is required`)
  return v
}

/** Reads a required integer field. */
export function requireInt (req, field) {
  const v = req[field]
  if (!Number.isInteger(v)) throw new RequestError(`"${field}" (an integer) is required`)
  return v
}
