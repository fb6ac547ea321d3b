/**
 * AES-256-GCM sealing of file content (node:crypto). A sealed blob is
 *
 *   [version 1][IV 12 bytes][ciphertext][GCM tag 16 bytes]
 *
 * The IV comes from an injected seeded source, so a run replays byte for byte. That is sound only
 * while no two sealers share a stream under one key: fork the source per replica (the replica's
 * providers already are). The associated data binds a blob to its document and address, so a
 * blob copied to another disk or address fails authentication instead of decrypting.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { LabError } from '../base/errors.ts'
import type { RandomSource } from '../base/providers.ts'

/** Where IVs come from: the replica's `Providers.random` (never Math.random or crypto.randomBytes). */
export type IvSource = RandomSource

const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16
/** Bytes a sealed blob adds to its plaintext. */
export const SEAL_OVERHEAD = 1 + IV_BYTES + TAG_BYTES

function drawIv(ivs: IvSource): Uint8Array {
  const iv = new Uint8Array(IV_BYTES)
  const view = new DataView(iv.buffer)
  for (let i = 0; i < IV_BYTES; i += 4) view.setUint32(i, ivs.uint32() >>> 0)
  return iv
}

/** Encrypts and authenticates `plaintext` (and `aad`) under `key`. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, ivs: IvSource): Uint8Array {
  const iv = drawIv(ivs)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  const out = new Uint8Array(SEAL_OVERHEAD + body.length)
  out[0] = VERSION
  out.set(iv, 1)
  out.set(body, 1 + IV_BYTES)
  out.set(cipher.getAuthTag(), 1 + IV_BYTES + body.length)
  return out
}

/**
 * Decrypts a sealed blob. Throws `CORRUPT_FILE` (naming `where`) when it is malformed or fails
 * authentication: altered bytes, another document or address, or a different key look the same.
 */
export function unseal(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array, where: string): Uint8Array {
  if (sealed.length < SEAL_OVERHEAD || sealed[0] !== VERSION) {
    throw new LabError(
      'CORRUPT_FILE',
      `${where}: sealed content is malformed (${sealed.length} bytes, version ${sealed[0]})`,
    )
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES)
  const body = sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]))
  } catch (cause) {
    throw new LabError(
      'CORRUPT_FILE',
      `${where}: authentication failed; the ciphertext was altered or sealed with another key`,
      { cause },
    )
  }
}
