/**
 * The members' Ed25519 keys (src/engine/authorship/keys.ts) against RFC 8032's own test vectors:
 * the signatures must be the standard's, byte for byte, whichever library computes them (trace
 * hashes depend on them), and verification must refuse what is not the signer's.
 */
import { describe, expect, it } from 'vitest'
import { publicKeyOfSecret, verifyUncached } from '../../src/engine/authorship/signatures.ts'
import { sign, createPrivateKey } from 'node:crypto'

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'))

/** RFC 8032, section 7.1, TEST 1 and TEST 2. */
const VECTORS = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
      '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
      '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
]

describe('Ed25519 keys', () => {
  it.each(VECTORS)('derives the public key and verifies the signature of RFC 8032 ($public)', (v) => {
    expect(Buffer.from(publicKeyOfSecret(hex(v.secret))).toString('hex')).toBe(v.public)
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), hex(v.secret)])
    const signature = sign(null, hex(v.message), createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
    expect(signature.toString('hex')).toBe(v.signature)
    expect(verifyUncached(hex(v.public), hex(v.message), hex(v.signature))).toBe(true)
  })

  it('refuses a flipped bit, another key, a short signature and a key that is not one', () => {
    const [a, b] = VECTORS
    const bad = hex(a!.signature)
    bad[10]! ^= 1
    expect(verifyUncached(hex(a!.public), hex(a!.message), bad)).toBe(false)
    expect(verifyUncached(hex(b!.public), hex(a!.message), hex(a!.signature))).toBe(false)
    expect(verifyUncached(hex(a!.public), hex(a!.message), hex(a!.signature).subarray(0, 63))).toBe(false)
    expect(verifyUncached(new Uint8Array(31), hex(a!.message), hex(a!.signature))).toBe(false)
  })
})
