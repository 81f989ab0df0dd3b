import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { MerkleTreeHash, merkleLeafHash } from './merkle-tree.ts';

// RFC 6962's reference leaves and the tree heads every Certificate Transparency implementation
// agrees on, for trees of 0 to 8 leaves.
const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const roots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The RFC's definition, recursively, to check the streaming version on trees of every shape. */
function referenceRoot(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return createHash('sha256').digest();
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return createHash('sha256').update(Buffer.from([1])).update(referenceRoot(hashes.slice(0, k))).update(referenceRoot(hashes.slice(k))).digest();
}

describe('MerkleTreeHash (RFC 6962)', () => {
  it.each(roots.map((root, size) => [size, root] as const))('gives the published tree head for %i leaves', (size, root) => {
    const tree = new MerkleTreeHash();
    for (const leaf of leaves.slice(0, size)) tree.push(merkleLeafHash(leaf));
    expect(tree.size).toBe(size);
    expect(tree.root().toString('hex')).toBe(root);
  });

  it('agrees with the recursive definition for every size up to 70', () => {
    const hashes = Array.from({ length: 70 }, (_, i) => merkleLeafHash(`event ${i}`));
    const tree = new MerkleTreeHash();
    for (let n = 1; n <= hashes.length; n += 1) {
      tree.push(hashes[n - 1]!);
      expect(tree.root().toString('hex'), `size ${n}`).toBe(referenceRoot(hashes.slice(0, n)).toString('hex'));
    }
  });

  it('changes when any leaf changes, or two leaves swap', () => {
    const root = (data: string[]) => {
      const tree = new MerkleTreeHash();
      for (const d of data) tree.push(merkleLeafHash(d));
      return tree.root().toString('hex');
    };
    const base = root(['a', 'b', 'c', 'd', 'e']);
    expect(root(['a', 'b', 'c', 'd', 'E'])).not.toBe(base);
    expect(root(['a', 'c', 'b', 'd', 'e'])).not.toBe(base);
    expect(root(['a', 'b', 'c', 'd'])).not.toBe(base);
  });
});
