/**
 * The signature scheme of the bench's engine replicas (world.ts, memory.ts): the reference's
 * signed authorship whole (every update sealed in an envelope naming its signer, 64 signature
 * bytes, checked on receipt against the signer's key, logged, answered from the log) without the
 * cryptography. The project's targets compare the reference with raw Yjs with the signature
 * envelopes reported beside, not inside (issue 16): Ed25519's sign and verify are timed in their
 * own rows (signatureRows.ts, "Sign + verify one update"), and a reader adds them per update.
 *
 * A signature here is the signer's public key (itself 32 bytes of its secret) padded with zeros, and
 * verification compares it with the named signer's key: as cheap as a byte compare, and still a
 * check (a replica naming another member as signer fails it), so every path of the receive pipeline
 * runs as under Ed25519. It signs nothing: a lab run or a user's replica never takes it (only the
 * bench passes it, through `ReplicaOptions.signatures`).
 */
import { SIGNATURE_BYTES, type SignatureScheme } from '../../src/engine/authorship/signatures.ts'

const KEY_BYTES = 32

export const CRYPTOGRAPHY_BESIDE: SignatureScheme = {
  name: 'bench: envelopes without cryptography',
  publicKeyOf: (secret) => secret.slice(0, KEY_BYTES),
  signer(secret) {
    const signature = new Uint8Array(SIGNATURE_BYTES)
    signature.set(secret.subarray(0, KEY_BYTES))
    return () => signature.slice()
  },
  verify(publicKey, _message, signature) {
    if (publicKey.length !== KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false
    for (let i = 0; i < KEY_BYTES; i++) if (signature[i] !== publicKey[i]) return false
    for (let i = KEY_BYTES; i < SIGNATURE_BYTES; i++) if (signature[i] !== 0) return false
    return true
  },
}
