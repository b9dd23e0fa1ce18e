/// The finite set of unseen configurations over which the acquisition is maximised.
enum BayesCandidatePool {
  /// Draws up to `size` distinct configurations that are neither evaluated nor pending.
  ///
  /// A share of the pool mutates the current Pareto front members (1 to 3 moves each, so the
  /// search refines the front locally); the rest are uniformly random valid configurations
  /// (so the search keeps exploring). Draws stop after three times the wanted count of
  /// attempts, so a nearly exhausted space gives a smaller, possibly empty, pool.
  ///
  /// - Parameters:
  ///   - space: The encoded space.
  ///   - size: The wanted pool size.
  ///   - neighbourShare: The share of the pool made of front mutations, in [0, 1].
  ///   - parents: The configurations to mutate, usually the current front.
  ///   - seen: Configurations to leave out (evaluated or pending).
  ///   - generator: The strategy's seeded generator.
  /// - Returns: Distinct canonical valid configurations, neighbours first.
  /// - Complexity: O(size) draws, each a call of `neighbour` or `randomConfiguration`.
  static func build(
    space: any EncodedSpace, size: Int, neighbourShare: Double, parents: [[Int]],
    excluding seen: Set<[Int]>, using generator: inout Xoshiro256
  ) -> [[Int]] {
    var pool: [[Int]] = []
    var members = Set<[Int]>()

    let neighbourTarget = parents.isEmpty ? 0 : Int((Double(size) * neighbourShare).rounded())
    var attempts = 0
    while pool.count < neighbourTarget, attempts < 3 * neighbourTarget {
      attempts += 1
      let parent = parents[Int.random(in: 0..<parents.count, using: &generator)]
      let moves = Int.random(in: 1...3, using: &generator)
      guard let candidate = space.neighbour(of: parent, moves: moves, using: &generator) else {
        continue
      }
      if !seen.contains(candidate), members.insert(candidate).inserted {
        pool.append(candidate)
      }
    }

    let randomTarget = size - pool.count
    attempts = 0
    while pool.count < size, attempts < 3 * randomTarget {
      attempts += 1
      guard let candidate = space.randomConfiguration(using: &generator) else { break }
      if !seen.contains(candidate), members.insert(candidate).inserted {
        pool.append(candidate)
      }
    }
    return pool
  }
}
