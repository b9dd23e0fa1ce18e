/// The outer configurations an `ilp` run visits: every combination of the outer variables in a
/// stable order (the last variable fastest), or a seeded sample of distinct ones.
///
/// Allocation variables stay at index 0 and configurations are canonical, so two outer
/// choices that differ only in inactive variables are visited once. Shard i of n keeps the
/// outer configurations whose position among the distinct ones is congruent to i modulo n.
struct ILPOuterSource: Sendable {
  enum Mode: Sendable {
    case enumerate
    case sample(count: Int)
  }

  private let space: any EncodedSpace
  private let outerVariables: [Int]
  private let mode: Mode
  private var generator: Xoshiro256
  private var digits: [Int]?
  private var seen = Set<[Int]>()
  private var drawn = 0
  private var failedDraws = 0
  private let shardIndex: Int
  private let shardCount: Int

  init(
    space: any EncodedSpace, allocationVariables: [Int], mode: Mode, seed: UInt64,
    shardIndex: Int, shardCount: Int
  ) {
    self.space = space
    let allocation = Set(allocationVariables)
    outerVariables = (0..<space.variableCount).filter { !allocation.contains($0) }
    self.mode = mode
    generator = Xoshiro256(seed: seed)
    digits = [Int](repeating: 0, count: outerVariables.count)
    self.shardIndex = shardIndex
    self.shardCount = shardCount
  }

  /// The next outer configuration of this shard, or `nil` when none is left.
  mutating func next() -> [Int]? {
    while let candidate = nextDistinct() {
      let position = seen.count - 1
      if position % shardCount == shardIndex { return candidate }
    }
    return nil
  }

  private mutating func nextDistinct() -> [Int]? {
    switch mode {
    case .enumerate:
      while let current = digits {
        advance()
        let configuration = space.canonical(configuration(from: current))
        if seen.insert(configuration).inserted { return configuration }
      }
      return nil
    case .sample(let count):
      // Up to 200 draws per wanted sample, so a space with fewer distinct outer
      // configurations than `count` ends instead of looping.
      while drawn < count, failedDraws < 200 * max(1, count) {
        let values = outerVariables.map {
          Int.random(in: 0..<space.valueCount(of: $0), using: &generator)
        }
        let configuration = space.canonical(configuration(from: values))
        if seen.insert(configuration).inserted {
          drawn += 1
          return configuration
        }
        failedDraws += 1
      }
      return nil
    }
  }

  private func configuration(from values: [Int]) -> [Int] {
    var result = [Int](repeating: 0, count: space.variableCount)
    for (variable, value) in zip(outerVariables, values) { result[variable] = value }
    return result
  }

  private mutating func advance() {
    guard var current = digits else { return }
    var position = current.count - 1
    while position >= 0 {
      current[position] += 1
      if current[position] < space.valueCount(of: outerVariables[position]) {
        digits = current
        return
      }
      current[position] = 0
      position -= 1
    }
    digits = nil
  }
}
