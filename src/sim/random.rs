//! Seeded randomness: one ChaCha8 stream per (game seed, turn, actor, purpose), so that a new
//! draw in one place never shifts the draws anywhere else. Nothing in the simulation uses any
//! other source.
//!
//! The stream's key is the SHA-256 of its name, hashed on the first draw (a stream opened and
//! never drawn from costs nothing). The ChaCha8 keystream is generated here one 64-byte block at
//! a time: a stream is mostly drawn from once or twice, and a general generator fills four blocks
//! on its first draw. The words are those of the standard ChaCha8 generator (64-bit block counter
//! from zero, stream zero), which a test checks against `rand_chacha`.

use sha2::{Digest, Sha256};

/// A portable random stream for one purpose.
#[derive(Clone)]
pub struct Draws {
    /// The key, hashed on the first draw.
    key: Sha256,
    stream: Option<Keystream>,
}

/// ChaCha8 output for one key, a block at a time.
#[derive(Clone)]
struct Keystream {
    key: [u32; 8],
    /// The block in `block`; the next block is `counter + 1`.
    counter: u64,
    block: [u32; 16],
    /// The next unread word of `block`.
    next: usize,
}

impl Keystream {
    fn new(seed: [u8; 32]) -> Self {
        let mut key = [0_u32; 8];
        for (word, bytes) in key.iter_mut().zip(seed.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let mut stream = Keystream {
            key,
            counter: 0,
            block: [0; 16],
            next: 0,
        };
        stream.block = stream.compute(0);
        stream
    }

    /// The next 64 bits: two words, the first the low half.
    fn next_u64(&mut self) -> u64 {
        if self.next == 16 {
            self.counter = self.counter.wrapping_add(1);
            self.block = self.compute(self.counter);
            self.next = 0;
        }
        let low = u64::from(self.block[self.next]);
        let high = u64::from(self.block[self.next + 1]);
        self.next += 2;
        (high << 32) | low
    }

    /// Block `counter` of the keystream: eight rounds over the constants, the key, the counter
    /// and a zero stream number, added back to the input.
    fn compute(&self, counter: u64) -> [u32; 16] {
        let mut input = [0_u32; 16];
        input[..4].copy_from_slice(&[0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]);
        input[4..12].copy_from_slice(&self.key);
        input[12] = counter as u32;
        input[13] = (counter >> 32) as u32;
        let mut x = input;
        for _ in 0..4 {
            quarter(&mut x, 0, 4, 8, 12);
            quarter(&mut x, 1, 5, 9, 13);
            quarter(&mut x, 2, 6, 10, 14);
            quarter(&mut x, 3, 7, 11, 15);
            quarter(&mut x, 0, 5, 10, 15);
            quarter(&mut x, 1, 6, 11, 12);
            quarter(&mut x, 2, 7, 8, 13);
            quarter(&mut x, 3, 4, 9, 14);
        }
        for (word, start) in x.iter_mut().zip(input) {
            *word = word.wrapping_add(start);
        }
        x
    }
}

/// The ChaCha quarter round.
fn quarter(x: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
    x[a] = x[a].wrapping_add(x[b]);
    x[d] = (x[d] ^ x[a]).rotate_left(16);
    x[c] = x[c].wrapping_add(x[d]);
    x[b] = (x[b] ^ x[c]).rotate_left(12);
    x[a] = x[a].wrapping_add(x[b]);
    x[d] = (x[d] ^ x[a]).rotate_left(8);
    x[c] = x[c].wrapping_add(x[d]);
    x[b] = (x[b] ^ x[c]).rotate_left(7);
}

impl Draws {
    /// The stream for `purpose` of `actor` (None for the world) in `turn` of the game seeded `seed`.
    pub fn new(seed: u64, turn: u32, actor: Option<usize>, purpose: &str) -> Self {
        Draws::keyed(seed, turn, actor, purpose, "")
    }

    /// The stream for the purpose `kind` followed by `id` ("table:" and "dual_track" give the
    /// stream of "table:dual_track"), without building the joined string.
    pub fn keyed(seed: u64, turn: u32, actor: Option<usize>, kind: &str, id: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(seed.to_le_bytes());
        hasher.update(turn.to_le_bytes());
        hasher.update(actor.map_or(u64::MAX, |a| a as u64).to_le_bytes());
        hasher.update(kind.as_bytes());
        hasher.update(id.as_bytes());
        Draws {
            key: hasher,
            stream: None,
        }
    }

    /// Uniform in [0, 1), from the top 53 bits of one 64-bit draw.
    pub fn unit(&mut self) -> f64 {
        let stream = self
            .stream
            .get_or_insert_with(|| Keystream::new(std::mem::take(&mut self.key).finalize().into()));
        (stream.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [-spread, spread].
    pub fn spread(&mut self, spread: f64) -> f64 {
        if spread == 0.0 {
            0.0
        } else {
            (self.unit() * 2.0 - 1.0) * spread
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_gives_same_stream_and_different_purpose_differs() {
        let mut a = Draws::new(7, 3, Some(1), "orders");
        let mut b = Draws::new(7, 3, Some(1), "orders");
        let mut c = Draws::new(7, 3, Some(1), "effects");
        let first: Vec<f64> = (0..4).map(|_| a.unit()).collect();
        let second: Vec<f64> = (0..4).map(|_| b.unit()).collect();
        let other: Vec<f64> = (0..4).map(|_| c.unit()).collect();
        assert_eq!(first, second);
        assert_ne!(first, other);
        assert!(first.iter().all(|x| (0.0..1.0).contains(x)));
    }

    #[test]
    fn the_keystream_is_the_standard_chacha8_generator() {
        use rand_chacha::ChaCha8Rng;
        use rand_chacha::rand_core::{Rng, SeedableRng};
        for case in 0..300_u32 {
            let seed: [u8; 32] = Sha256::digest(case.to_le_bytes()).into();
            let mut ours = Keystream::new(seed);
            let mut standard = ChaCha8Rng::from_seed(seed);
            // Past the first block, and past the reference's four-block buffer.
            for draw in 0..40 {
                assert_eq!(
                    ours.next_u64(),
                    standard.next_u64(),
                    "seed {case}, draw {draw}"
                );
            }
        }
    }

    #[test]
    fn a_keyed_stream_is_the_stream_of_the_joined_purpose() {
        let mut joined = Draws::new(7, 3, None, "table:dual_track");
        let mut keyed = Draws::keyed(7, 3, None, "table:", "dual_track");
        assert_eq!(joined.unit().to_bits(), keyed.unit().to_bits());
    }
}
