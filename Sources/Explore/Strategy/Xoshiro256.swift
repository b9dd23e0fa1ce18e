/// The xoshiro256** generator of Blackman and Vigna, seeded through SplitMix64.
///
/// Every random choice of a strategy goes through one of these, so a seed fixes a run.
/// `fork(_:)` derives independent streams (for parallel chains or shards) from one seed.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var mixer = seed
    func splitMix() -> UInt64 {
      mixer &+= 0x9E37_79B9_7F4A_7C15
      var z = mixer
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotate(state.3, 45)
    return result
  }

  /// A generator for stream `index`, independent of this one and of other indices.
  public func fork(_ index: UInt64) -> Xoshiro256 {
    var copy = self
    let mixed = copy.next() ^ (index &* 0xD1B5_4A32_D192_ED03)
    return Xoshiro256(seed: mixed)
  }

  private func rotate(_ value: UInt64, _ amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
  }

  public static func == (lhs: Xoshiro256, rhs: Xoshiro256) -> Bool {
    lhs.state == rhs.state
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(state.0)
    hasher.combine(state.1)
    hasher.combine(state.2)
    hasher.combine(state.3)
  }
}
