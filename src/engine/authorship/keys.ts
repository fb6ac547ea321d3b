/**
 * Members' signing keys (Ed25519, Node's OpenSSL-backed `node:crypto`) and the signatures of updates.
 * Ed25519 signatures are deterministic (RFC 8032), so the implementation does not move a byte of a
 * run: @noble/ed25519 gives the same signatures, 12-15x slower (measured when the lab switched).
 *
 * A member's key pair is derived from the world's key seed (`Providers.keySeed`) and its member
 * id, so runs replay: in the lab every replica could compute every key, and a replica signs only
 * with its own (`MemberKeys.own`); in a deployment the public keys come from the identity layer
 * (the spec's four-word identities) and the secret never leaves its owner.
 *
 * What is signed: the document id and the update's bytes, behind a domain label, so a signature
 * for one document is worthless for another. Verification is a pure function of (public key,
 * message, signature), so its outcome is memoized process-wide by a digest of the three: the
 * simulator verifies each update once, however many replicas receive it (the bench times the
 * uncached cost).
 */
import { blake3 } from '@noble/hashes/blake3.js'
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import type { DocId, MemberId } from '../base/ids.ts'

/** DER prefixes of an Ed25519 private key (PKCS#8) and public key (SPKI) around their 32 raw bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

const privateKeyOf = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
/**
 * A process-wide memo of a pure function, emptied when it reaches `max` entries: its keys come from
 * the wire (signers, keys, signatures), so a liar naming many cannot grow it without bound.
 */
function boundedMemo<V>(max: number): (key: string, make: () => V) => V {
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

/** Ed25519 verification; false for a key or signature that is not one (never throws). */
function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== SIGNATURE_BYTES) return false
  try {
    return verify(null, message, publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}

export const SIGNATURE_BYTES = 64

const utf8 = new TextEncoder()
const KEY_CONTEXT = utf8.encode('crdt-lab 2026-01-01 member signing key')
const DOMAIN = utf8.encode('crdt-lab signed update v1\0')

/** The secret (32-byte Ed25519 seed) of `member` in a world with key seed `seed`. */
export function secretKeyOf(seed: string, member: MemberId): Uint8Array {
  return blake3(utf8.encode(JSON.stringify([seed, member])), { context: KEY_CONTEXT })
}

/**
 * `member`'s public key in a world with key seed `seed` (key: JSON of both), derived once per
 * process: deriving it (a private key object, then its public half) took a quarter of the time to
 * build the bench's 100-author entity, every fresh replica deriving every signer's key again.
 */
const derivedPublics = boundedMemo<Uint8Array>(10_000)
const derivedPublicKey = (seed: string, member: MemberId): Uint8Array =>
  derivedPublics(JSON.stringify([seed, member]), () => publicKeyOfSecret(secretKeyOf(seed, member)))

/** The signing keys a replica knows: its own secret, everyone's public key. */
export class MemberKeys {
  private readonly publics = new Map<MemberId, Uint8Array>()
  private readonly secret: KeyObject

  constructor(
    private readonly seed: string,
    readonly own: MemberId,
  ) {
    this.secret = privateKeyOf(secretKeyOf(seed, own))
  }

  /** `member`'s public key (derived once, then kept). */
  publicKey(member: MemberId): Uint8Array {
    let pk = this.publics.get(member)
    if (!pk) this.publics.set(member, (pk = derivedPublicKey(this.seed, member)))
    return pk
  }

  /** This replica's signature of `update` for `docId`. */
  sign(docId: DocId, update: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, signedBytes(docId, update), this.secret))
  }

  /** Whether `signature` is `signer`'s over `update` for `docId`. */
  verify(signer: MemberId, docId: DocId, update: Uint8Array, signature: Uint8Array): boolean {
    return verifyCached(this.publicKey(signer), signedBytes(docId, update), signature)
  }
}

/** The bytes a signature covers: the domain label, the document id, a NUL, the update. */
export function signedBytes(docId: DocId, update: Uint8Array): Uint8Array {
  const id = utf8.encode(docId)
  const out = new Uint8Array(DOMAIN.length + id.length + 1 + update.length)
  out.set(DOMAIN, 0)
  out.set(id, DOMAIN.length)
  out.set(update, DOMAIN.length + id.length + 1)
  return out
}

const verified = boundedMemo<boolean>(200_000)

/** Ed25519 verification, memoized by a digest of (key, message, signature). */
export function verifyCached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false
  const key = createHash('sha256').update(publicKey).update(signature).update(message).digest('base64')
  return verified(key, () => ed25519Verify(publicKey, message, signature))
}

/** Uncached verification (the bench's sign + verify row). */
export const verifyUncached = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  ed25519Verify(publicKey, message, signature)
