// The Merkle Tree Hash of RFC 6962 (Certificate Transparency, section 2.1), computed as leaves
// arrive: it keeps one hash per perfect subtree (at most 64), so a batch of any size is hashed in
// constant memory. Written here rather than taken from npm: the JavaScript Merkle libraries either
// hold every leaf in memory or use another tree shape, and this is 30 lines checked against the
// RFC's published test vectors (merkle-tree.test.ts).
import { hash } from 'node:crypto';

const leafPrefix = Buffer.from([0x00]);
const nodePrefix = Buffer.from([0x01]);
const sha256 = (data: Buffer) => hash('sha256', data, 'buffer');

/** MTH({d}) = SHA-256(0x00 || d). */
export function merkleLeafHash(data: string | Uint8Array): Buffer {
  return sha256(Buffer.concat([leafPrefix, typeof data === 'string' ? Buffer.from(data, 'utf8') : data]));
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.concat([nodePrefix, left, right]));
}

export class MerkleTreeHash {
  // Perfect subtrees, largest (leftmost) first; sizes are distinct powers of two.
  readonly #subtrees: Array<{ size: number; hash: Buffer }> = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds the next leaf's hash (merkleLeafHash of its data). */
  push(leafHash: Buffer): void {
    let node = { size: 1, hash: leafHash };
    for (let top = this.#subtrees.at(-1); top && top.size === node.size; top = this.#subtrees.at(-1)) {
      this.#subtrees.pop();
      node = { size: top.size * 2, hash: nodeHash(top.hash, node.hash) };
    }
    this.#subtrees.push(node);
    this.#size += 1;
  }

  /** The root: the subtrees folded right to left, exactly RFC 6962's split at the largest power of two. */
  root(): Buffer {
    if (this.#subtrees.length === 0) return sha256(Buffer.alloc(0));
    let hash = this.#subtrees.at(-1)!.hash;
    for (let i = this.#subtrees.length - 2; i >= 0; i -= 1) hash = nodeHash(this.#subtrees[i]!.hash, hash);
    return hash;
  }
}
