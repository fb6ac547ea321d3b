/**
 * Members' signing keys and the signatures of updates, under a signature scheme (signatures.ts:
 * Ed25519 unless the replica is given another).
 *
 * A member's key pair is derived from the world's key seed (`Providers.keySeed`) and its member
 * id, so runs replay: in the lab every replica could compute every key, and a replica signs only
 * with its own (`MemberKeys.own`); in a deployment the public keys come from the identity layer
 * (the spec's four-word identities) and the secret never leaves its owner.
 *
 * What is signed: the document id and the update's bytes, behind a domain label, so a signature
 * for one document is worthless for another.
 */
import { blake3 } from '@noble/hashes/blake3.js'
import type { DocId, MemberId } from '../base/ids.ts'
import { boundedMemo, ED25519, type SignatureScheme } from './signatures.ts'

const utf8 = new TextEncoder()
const KEY_CONTEXT = utf8.encode('crdt-lab 2026-01-01 member signing key')
const DOMAIN = utf8.encode('crdt-lab signed update v1\0')

/** The secret (32-byte Ed25519 seed) of `member` in a world with key seed `seed`. */
export function secretKeyOf(seed: string, member: MemberId): Uint8Array {
  return blake3(utf8.encode(JSON.stringify([seed, member])), { context: KEY_CONTEXT })
}

/**
 * `member`'s public key in a world with key seed `seed` under `scheme` (key: its name and JSON of
 * both), derived once per process: deriving it (a private key object, then its public half) took a
 * quarter of the time to build the bench's 100-author entity, every fresh replica deriving every
 * signer's key again.
 */
const derivedPublics = boundedMemo<Uint8Array>(10_000)
const derivedPublicKey = (scheme: SignatureScheme, seed: string, member: MemberId): Uint8Array =>
  derivedPublics(JSON.stringify([scheme.name, seed, member]), () => scheme.publicKeyOf(secretKeyOf(seed, member)))

/** The signing keys a replica knows: its own secret, everyone's public key. */
export class MemberKeys {
  private readonly publics = new Map<MemberId, Uint8Array>()
  private readonly signs: (message: Uint8Array) => Uint8Array

  constructor(
    private readonly seed: string,
    readonly own: MemberId,
    private readonly scheme: SignatureScheme = ED25519,
  ) {
    this.signs = scheme.signer(secretKeyOf(seed, own))
  }

  /** `member`'s public key (derived once, then kept). */
  publicKey(member: MemberId): Uint8Array {
    let pk = this.publics.get(member)
    if (!pk) this.publics.set(member, (pk = derivedPublicKey(this.scheme, this.seed, member)))
    return pk
  }

  /** This replica's signature of `update` for `docId`. */
  sign(docId: DocId, update: Uint8Array): Uint8Array {
    return this.signs(signedBytes(docId, update))
  }

  /** Whether `signature` is `signer`'s over `update` for `docId`. */
  verify(signer: MemberId, docId: DocId, update: Uint8Array, signature: Uint8Array): boolean {
    return this.scheme.verify(this.publicKey(signer), signedBytes(docId, update), signature)
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
