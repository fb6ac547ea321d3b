/**
 * Members' signing keys (Ed25519, @noble/ed25519) and the signatures of updates.
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
import * as ed from '@noble/ed25519'
import { sha512 } from '@noble/hashes/sha2.js'
import { blake3 } from '@noble/hashes/blake3.js'
import { createHash } from 'node:crypto'
import type { DocId, MemberId } from '../base/ids.ts'

ed.hashes.sha512 = sha512

export const SIGNATURE_BYTES = 64

const utf8 = new TextEncoder()
const KEY_CONTEXT = utf8.encode('crdt-lab 2026-01-01 member signing key')
const DOMAIN = utf8.encode('crdt-lab signed update v1\0')

/** The secret (32-byte Ed25519 seed) of `member` in a world with key seed `seed`. */
export function secretKeyOf(seed: string, member: MemberId): Uint8Array {
  return blake3(utf8.encode(JSON.stringify([seed, member])), { context: KEY_CONTEXT })
}

/** The signing keys a replica knows: its own secret, everyone's public key. */
export class MemberKeys {
  private readonly publics = new Map<MemberId, Uint8Array>()
  private readonly secret: Uint8Array

  constructor(
    private readonly seed: string,
    readonly own: MemberId,
  ) {
    this.secret = secretKeyOf(seed, own)
  }

  /** `member`'s public key (derived once, then kept). */
  publicKey(member: MemberId): Uint8Array {
    let pk = this.publics.get(member)
    if (!pk) this.publics.set(member, (pk = ed.getPublicKey(secretKeyOf(this.seed, member))))
    return pk
  }

  /** This replica's signature of `update` for `docId`. */
  sign(docId: DocId, update: Uint8Array): Uint8Array {
    return ed.sign(signedBytes(docId, update), this.secret)
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

const verified = new Map<string, boolean>()
const MAX_CACHED = 200_000

/** Ed25519 verification, memoized by a digest of (key, message, signature). */
export function verifyCached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false
  const key = createHash('sha256').update(publicKey).update(signature).update(message).digest('base64')
  const hit = verified.get(key)
  if (hit !== undefined) return hit
  let ok: boolean
  try {
    ok = ed.verify(signature, message, publicKey)
  } catch {
    ok = false
  }
  if (verified.size >= MAX_CACHED) verified.clear()
  verified.set(key, ok)
  return ok
}

/** Uncached verification (the bench's sign + verify row). */
export const verifyUncached = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  ed.verify(signature, message, publicKey)
