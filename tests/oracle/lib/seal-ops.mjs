// The oracle's operations: each handler takes one parsed request and returns the response fields (without
// "id" and "ok"). The protocol is documented in ../seal-oracle.mjs. Handlers throw RequestError for a bad
// request; anything SEAL throws is passed on with SEAL's own message.

import { ckksContext, ckksParameters, describeChain, nodeSealVersion, parmsIdHex } from './seal-contexts.mjs'
import {
  RequestError, loadObject, readObjectBytes, readValues, requireInt, requireNumber, saveObject, valuesToB64
} from './seal-objects.mjs'

const KEY_FORMS = ['none', 'full', 'seeded']

/** Builds the op table for one loaded SEAL library and its context registry. */
export function createOps (seal, contexts) {
  const entryOf = req => contexts.get(req.ctx)

  function keyForm (req, field, fallback) {
    const form = req[field] ?? fallback
    if (!KEY_FORMS.includes(form)) throw new RequestError(`"${field}" must be one of ${KEY_FORMS.join(', ')}`)
    return form
  }

  // The ContextData of a data level (0 .. K-2); plaintexts and ciphertexts never live at the key level.
  function dataLevel (entry, chainIndex) {
    const top = entry.ctx.firstContextData
    if (!Number.isInteger(chainIndex) || chainIndex < 0 || chainIndex > top.chainIndex) {
      throw new RequestError(`"chainIndex" must be an integer from 0 to ${top.chainIndex}`)
    }
    let cd = top
    while (cd.chainIndex !== chainIndex) cd = cd.nextContextData
    return cd
  }

  function chainIndexOf (entry, obj, scope) {
    const pid = scope.track(obj.parmsId)
    return entry.ctx.getContextData(pid).chainIndex
  }

  function describeCiphertext (entry, ct, scope) {
    return { chainIndex: chainIndexOf(entry, ct, scope), scale: ct.scale, size: ct.size, isNttForm: ct.isNttForm }
  }

  function encodeValues (entry, req, scope) {
    const pt = scope.track(entry.encoder.encode(readValues(req), requireNumber(req, 'scale')))
    if (req.chainIndex === undefined) return pt
    const target = dataLevel(entry, req.chainIndex).parmsId
    scope.track(target)
    return scope.track(entry.evaluator.plainModSwitchTo(pt, target))
  }

  // The plaintext to encrypt: a given Plaintext object, or values encoded at "scale" (and "chainIndex").
  function plaintextArg (entry, req, scope) {
    if (req.plaintext !== undefined) return loadObject(seal, scope, entry.ctx, 'Plaintext', req.plaintext, 'plaintext')
    return encodeValues(entry, req, scope)
  }

  function slotsResponse (values, req) {
    const first = req.first ?? 8
    if (!Number.isInteger(first) || first < 0) throw new RequestError('"first" must be a non-negative integer')
    return { count: values.length, slotsB64: valuesToB64(values), first: Array.from(values.slice(0, first)) }
  }

  // SEAL's Galois element for a rotation step (0 = complex conjugation), and SEAL's default step set.
  function galoisElements (n, steps) {
    const m = 2n * BigInt(n)
    const chosen = steps.length > 0 ? steps : defaultSteps(n)
    const elts = chosen.map(step => {
      if (step === 0) return Number(m - 1n)
      const exp = step > 0 ? step : n / 2 + step
      return Number(modPow(3n, BigInt(exp), m))
    })
    return [...new Set(elts)]
  }

  function defaultSteps (n) {
    const steps = [0]
    for (let s = 1; s < n / 2; s *= 2) steps.push(s, -s)
    return steps
  }

  const ops = {
    hello () {
      // The SEAL version is the one SEAL writes into every header (bytes 3 and 4), e.g. "4.1".
      const probe = seal.EncryptionParameters(seal.SchemeType.ckks)
      const header = probe.saveArray(seal.ComprModeType.none)
      probe.delete()
      return { sealVersion: `${header[3]}.${header[4]}`, nodeSealVersion: nodeSealVersion(), node: process.version }
    },

    context (req, scope) {
      const security = req.security ?? 'tc128'
      let key, build
      if (req.parms !== undefined) {
        const bytes = readObjectBytes(req.parms, 'parms')
        key = `parms=${Buffer.from(bytes).toString('base64')};security=${security}`
        build = () => {
          const parms = seal.EncryptionParameters()
          try {
            parms.loadArray(bytes)
            if (parms.scheme !== seal.SchemeType.ckks) throw new RequestError('the parameters are not CKKS parameters')
            return { parms, ctx: ckksContext(seal, parms, security) }
          } catch (e) { parms.delete(); throw e }
        }
      } else {
        const n = requireInt(req, 'n')
        const bits = req.bits
        if (!Array.isArray(bits) || bits.length === 0 || !bits.every(Number.isInteger)) {
          throw new RequestError('"bits" must be a non-empty array of integers')
        }
        key = `n=${n};bits=${bits.join(',')};security=${security}`
        build = () => {
          const parms = ckksParameters(seal, n, bits)
          try { return { parms, ctx: ckksContext(seal, parms, security) } } catch (e) { parms.delete(); throw e }
        }
      }
      const entry = contexts.obtain(key, build)
      const chain = describeChain(entry.ctx)
      return {
        ctx: entry.id,
        n: entry.n,
        slots: entry.n / 2,
        primes: Array.from(entry.parms.coeffModulus, String),
        chainIndexes: chain.map(l => l.chainIndex),
        parmsIds: chain.map(l => l.parmsId),
        parms: saveObject(seal, entry.parms, req, 'parms')
      }
    },

    keygen (req, scope) {
      const entry = entryOf(req)
      const given = req.secretKey === undefined ? undefined : loadObject(seal, scope, entry.ctx, 'SecretKey', req.secretKey, 'secretKey')
      const kg = scope.track(given ? seal.KeyGenerator(entry.ctx, given) : seal.KeyGenerator(entry.ctx))
      const res = { secretKey: saveObject(seal, scope.track(kg.secretKey()), req, 'secretKey') }

      const pkForm = keyForm(req, 'publicKey', 'full')
      if (pkForm !== 'none') {
        const pk = scope.track(pkForm === 'seeded' ? kg.createPublicKeySerializable() : kg.createPublicKey())
        res.publicKey = saveObject(seal, pk, req, 'publicKey')
      }
      const rkForm = keyForm(req, 'relinKeys', 'none')
      if (rkForm !== 'none') {
        const rk = scope.track(rkForm === 'seeded' ? kg.createRelinKeysSerializable() : kg.createRelinKeys())
        res.relinKeys = saveObject(seal, rk, req, 'relinKeys')
      }
      if (req.galoisSteps !== undefined) {
        const steps = req.galoisSteps
        if (!Array.isArray(steps) || !steps.every(Number.isInteger)) throw new RequestError('"galoisSteps" must be an array of integers')
        const gkForm = keyForm(req, 'galoisKeys', 'full')
        if (gkForm === 'none') throw new RequestError('"galoisKeys" must be full or seeded when "galoisSteps" is given')
        const arr = Int32Array.from(steps)
        const gk = scope.track(gkForm === 'seeded' ? kg.createGaloisKeysSerializable(arr) : kg.createGaloisKeys(arr))
        res.galoisElts = galoisElements(entry.n, steps)
        if (gkForm === 'full' && !res.galoisElts.every(e => gk.hasKey(e))) {
          throw new Error('internal: a computed Galois element has no key in SEAL\'s GaloisKeys')
        }
        res.galoisKeys = saveObject(seal, gk, req, 'galoisKeys')
      }
      return res
    },

    encode (req, scope) {
      const entry = entryOf(req)
      const pt = encodeValues(entry, req, scope)
      return { plaintext: saveObject(seal, pt, req, 'plaintext'), chainIndex: chainIndexOf(entry, pt, scope), scale: pt.scale }
    },

    decode (req, scope) {
      const entry = entryOf(req)
      const pt = loadObject(seal, scope, entry.ctx, 'Plaintext', req.plaintext, 'plaintext')
      return slotsResponse(entry.encoder.decode(pt), req)
    },

    encrypt (req, scope) {
      const entry = entryOf(req)
      const pk = loadObject(seal, scope, entry.ctx, 'PublicKey', req.publicKey, 'publicKey')
      const pt = plaintextArg(entry, req, scope)
      const encryptor = scope.track(seal.Encryptor(entry.ctx, pk))
      const ct = scope.track(encryptor.encrypt(pt))
      return { ciphertext: saveObject(seal, ct, req, 'ciphertext'), ...describeCiphertext(entry, ct, scope) }
    },

    encryptSymmetric (req, scope) {
      const entry = entryOf(req)
      const sk = loadObject(seal, scope, entry.ctx, 'SecretKey', req.secretKey, 'secretKey')
      const pt = plaintextArg(entry, req, scope)
      // node-seal's Encryptor always wants a public key; symmetric encryption only uses the secret key.
      const pk = scope.track(scope.track(seal.KeyGenerator(entry.ctx, sk)).createPublicKey())
      const encryptor = scope.track(seal.Encryptor(entry.ctx, pk, sk))
      if (req.seeded === true) {
        return { ciphertext: saveObject(seal, scope.track(encryptor.encryptSymmetricSerializable(pt)), req, 'ciphertext'), seeded: true }
      }
      const ct = scope.track(encryptor.encryptSymmetric(pt))
      return { ciphertext: saveObject(seal, ct, req, 'ciphertext'), seeded: false, ...describeCiphertext(entry, ct, scope) }
    },

    decrypt (req, scope) {
      const entry = entryOf(req)
      const sk = loadObject(seal, scope, entry.ctx, 'SecretKey', req.secretKey, 'secretKey')
      const ct = loadObject(seal, scope, entry.ctx, 'Ciphertext', req.ciphertext, 'ciphertext')
      const decryptor = scope.track(seal.Decryptor(entry.ctx, sk))
      const pt = scope.track(decryptor.decrypt(ct))
      return { ...slotsResponse(entry.encoder.decode(pt), req), ...describeCiphertext(entry, ct, scope) }
    },

    evaluate (req, scope) {
      const entry = entryOf(req)
      const ev = entry.evaluator
      const arg = (field, kind) => {
        if (req[field] === undefined) throw new RequestError(`evaluate "${req.name}" needs "${field}"`)
        return loadObject(seal, scope, entry.ctx, kind, req[field], field)
      }
      const a = () => arg('a', 'Ciphertext')
      const table = {
        add: () => ev.add(a(), arg('b', 'Ciphertext')),
        sub: () => ev.sub(a(), arg('b', 'Ciphertext')),
        negate: () => ev.negate(a()),
        multiply: () => ev.multiply(a(), arg('b', 'Ciphertext')),
        square: () => ev.square(a()),
        relinearize: () => ev.relinearize(a(), arg('relinKeys', 'RelinKeys')),
        rescaleToNext: () => ev.rescaleToNext(a()),
        modSwitchToNext: () => req.a !== undefined ? ev.cipherModSwitchToNext(a()) : ev.plainModSwitchToNext(arg('plain', 'Plaintext')),
        addPlain: () => ev.addPlain(a(), arg('plain', 'Plaintext')),
        subPlain: () => ev.subPlain(a(), arg('plain', 'Plaintext')),
        multiplyPlain: () => ev.multiplyPlain(a(), arg('plain', 'Plaintext')),
        rotateVector: () => ev.rotateVector(a(), requireInt(req, 'steps'), arg('galoisKeys', 'GaloisKeys')),
        complexConjugate: () => ev.complexConjugate(a(), arg('galoisKeys', 'GaloisKeys')),
        applyGalois: () => ev.applyGalois(a(), requireInt(req, 'galoisElt'), arg('galoisKeys', 'GaloisKeys'))
      }
      const run = Object.hasOwn(table, req.name) ? table[req.name] : undefined
      if (!run) throw new RequestError(`unknown evaluate name "${req.name}" (${Object.keys(table).join(', ')})`)
      const out = scope.track(run())
      const isPlain = req.name === 'modSwitchToNext' && req.a === undefined
      const info = isPlain
        ? { kind: 'Plaintext', chainIndex: chainIndexOf(entry, out, scope), scale: out.scale }
        : { kind: 'Ciphertext', ...describeCiphertext(entry, out, scope) }
      return { result: saveObject(seal, out, req, 'result'), ...info }
    },

    load (req, scope) {
      const ctx = req.kind === 'EncryptionParameters' ? undefined : entryOf(req).ctx
      const obj = loadObject(seal, scope, ctx, req.kind, req.obj, 'obj')
      const info = { kind: req.kind }
      if (req.kind === 'Ciphertext') Object.assign(info, describeCiphertext(entryOf(req), obj, scope))
      if (req.kind === 'Plaintext') Object.assign(info, { chainIndex: chainIndexOf(entryOf(req), obj, scope), scale: obj.scale, coeffCount: obj.coeffCount })
      if (req.kind === 'RelinKeys' || req.kind === 'GaloisKeys') info.keyCount = obj.size
      if (req.kind === 'EncryptionParameters') {
        const pid = scope.track(obj.parmsId)
        Object.assign(info, { n: obj.polyModulusDegree, primes: Array.from(obj.coeffModulus, String), parmsId: parmsIdHex(pid) })
      }
      return info
    },

    saveAs (req, scope) {
      const ctx = req.kind === 'EncryptionParameters' ? undefined : entryOf(req).ctx
      const obj = loadObject(seal, scope, ctx, req.kind, req.obj, 'obj')
      return { object: saveObject(seal, obj, req, 'object') }
    },

    release (req) {
      contexts.release(req.ctx)
      return {}
    }
  }
  return ops
}

function modPow (base, exp, mod) {
  let result = 1n
  let b = base % mod
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod
    b = (b * b) % mod
  }
  return result
}
