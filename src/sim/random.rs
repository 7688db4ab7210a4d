//! Seeded randomness: one ChaCha stream per (game seed, turn, actor, purpose), so that a new draw
//! in one place never shifts the draws anywhere else. Nothing in the simulation uses any other source.
//!
//! A stream's key is hashed only when it is first drawn from: most streams a turn opens (one per
//! proposal, actor and purpose) are never drawn from, and the hash is the costly part.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

/// A portable random stream for one purpose.
#[derive(Clone)]
pub struct Draws {
    /// The key, hashed on the first draw.
    key: Sha256,
    rng: Option<ChaCha8Rng>,
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
            rng: None,
        }
    }

    /// The generator, seeded from the key's SHA-256 on the first draw.
    fn rng(&mut self) -> &mut ChaCha8Rng {
        self.rng.get_or_insert_with(|| {
            let digest: [u8; 32] = std::mem::take(&mut self.key).finalize().into();
            ChaCha8Rng::from_seed(digest)
        })
    }

    /// Uniform in [0, 1), from the top 53 bits of one 64-bit draw.
    pub fn unit(&mut self) -> f64 {
        (self.rng().next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
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
    fn a_keyed_stream_is_the_stream_of_the_joined_purpose() {
        let mut joined = Draws::new(7, 3, None, "table:dual_track");
        let mut keyed = Draws::keyed(7, 3, None, "table:", "dual_track");
        assert_eq!(joined.unit().to_bits(), keyed.unit().to_bits());
    }
}
