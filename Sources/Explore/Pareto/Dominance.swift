/// Whether an objective is to be made small or large.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
  case minimize
  case maximize
}

/// Pareto dominance between objective vectors, respecting each objective's direction.
public enum Dominance {
  /// Converts a vector to minimisation form by negating the maximised objectives.
  ///
  /// - Parameters:
  ///   - values: One value per objective.
  ///   - directions: One direction per objective.
  /// - Returns: A vector in which smaller is better for every entry.
  public static func minimizationForm(_ values: [Double], _ directions: [Direction]) -> [Double] {
    precondition(values.count == directions.count, "one direction per objective")
    var result = values
    for index in result.indices where directions[index] == .maximize {
      result[index] = -result[index]
    }
    return result
  }

  /// Reports whether `first` dominates `second`, both in minimisation form: no worse in every
  /// objective and strictly better in at least one.
  ///
  /// - Complexity: O(d) for d objectives.
  @inlinable
  public static func dominates(_ first: [Double], _ second: [Double]) -> Bool {
    var strictlyBetter = false
    for index in first.indices {
      if first[index] > second[index] { return false }
      if first[index] < second[index] { strictlyBetter = true }
    }
    return strictlyBetter
  }

  /// Returns the indices of the non-dominated vectors, in input order.
  ///
  /// Duplicate vectors are all kept. Vectors containing NaN are never on the front.
  ///
  /// - Parameter points: Vectors in minimisation form, all of the same length.
  /// - Complexity: O(n log n) for two objectives, O(n² d) otherwise.
  public static func nonDominatedIndices(_ points: [[Double]]) -> [Int] {
    let candidates = points.indices.filter { !points[$0].contains(where: \.isNaN) }
    if let first = points.first, first.count == 2 {
      return nonDominated2D(points, candidates)
    }
    var front: [Int] = []
    for index in candidates {
      let point = points[index]
      let dominated = candidates.contains { other in
        other != index && dominates(points[other], point)
      }
      if !dominated { front.append(index) }
    }
    return front
  }

  private static func nonDominated2D(_ points: [[Double]], _ candidates: [Int]) -> [Int] {
    let sorted = candidates.sorted {
      (points[$0][0], points[$0][1]) < (points[$1][0], points[$1][1])
    }
    var front: [Int] = []
    var bestSecond = Double.infinity
    var position = 0
    while position < sorted.count {
      // Points with the same first value: the smallest second value leads the group.
      let first = points[sorted[position]][0]
      var end = position
      while end < sorted.count, points[sorted[end]][0] == first { end += 1 }
      let groupBest = points[sorted[position]][1]
      if groupBest < bestSecond {
        for member in sorted[position..<end] where points[member][1] == groupBest {
          front.append(member)
        }
        bestSecond = groupBest
      }
      position = end
    }
    return front.sorted()
  }
}
