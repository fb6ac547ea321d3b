/**
 * The signature scheme members sign updates with: how a public key follows from a secret, how a
 * message is signed and how a signature is verified. The engine's one scheme is Ed25519 on Node's
 * OpenSSL-backed `node:crypto` (`ED25519`); a replica takes another through `ReplicaOptions.signatures`
 * (the bench times the engine with the cryptography reported beside it, bench/engine/world.ts).
 *
 * Ed25519 signatures are deterministic (RFC 8032), so the implementation does not move a byte of a
 * run: @noble/ed25519 gives the same signatures, 12-15x slower (measured when the lab switched).
 * Verification is a pure function of (public key, message, signature), so its outcome is memoized
 * process-wide by a digest of the three: the simulator verifies each update once, however many
 * replicas receive it (the bench times the uncached cost, `verifyUncached`).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'

/** Bytes of a signature, whatever the scheme (the wire format has room for exactly this many). */
export const SIGNATURE_BYTES = 64

export interface SignatureScheme {
  /** A name for reports. */
  readonly name: string
  /** The 32-byte public key of a 32-byte secret. */
  publicKeyOf(secret: Uint8Array): Uint8Array
  /** A signer holding `secret`: the signature (SIGNATURE_BYTES) of a message. */
  signer(secret: Uint8Array): (message: Uint8Array) => Uint8Array
  /** Whether `signature` is the holder of `publicKey`'s over `message` (never throws). */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean
}

/** DER prefixes of an Ed25519 private key (PKCS#8) and public key (SPKI) around their 32 raw bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

const privateKeyOf = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })

/**
 * A process-wide memo of a pure function, emptied when it reaches `max` entries: its keys come from
 * the wire (signers, keys, signatures), so a liar naming many cannot grow it without bound.
 */
export function boundedMemo<V>(max: number): (key: string, make: () => V) => V {
  const memo = new Map<string, V>()
  return (key, make) => {
    let v = memo.get(key)
    if (v === undefined) {
      v = make()
      if (memo.size >= max) memo.clear()
      memo.set(key, v)
    }
    return v
  }
}

/** Public key objects by raw key: making one from DER took a third of each verification. */
const keyObjects = boundedMemo<KeyObject>(10_000)
const publicKeyObject = (raw: Uint8Array): KeyObject =>
  keyObjects(Buffer.from(raw).toString('base64'), () =>
    createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
  )

/** The raw 32-byte public key of a 32-byte Ed25519 seed. */
export function publicKeyOfSecret(seed: Uint8Array): Uint8Array {
  const der = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' })
  return new Uint8Array(der.subarray(der.length - 32))
}

/** Uncached Ed25519 verification; false for a key or signature that is not one (the bench's sign + verify row). */
export function verifyUncached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== SIGNATURE_BYTES) return false
  try {
    return verify(null, message, publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}

const verified = boundedMemo<boolean>(200_000)

/** Ed25519 verification, memoized by a digest of (key, message, signature). */
export function verifyCached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false
  const key = createHash('sha256').update(publicKey).update(signature).update(message).digest('base64')
  return verified(key, () => verifyUncached(publicKey, message, signature))
}

/** Ed25519 on `node:crypto`, verification memoized (see the file comment). */
export const ED25519: SignatureScheme = {
  name: 'Ed25519',
  publicKeyOf: publicKeyOfSecret,
  signer(secret) {
    const key = privateKeyOf(secret)
    return (message) => new Uint8Array(sign(null, message, key))
  },
  verify: verifyCached,
}
