/// Non-dominated sorting with constraint domination and crowding distances, as NSGA-II uses.
///
/// Constraint domination (Deb, 2000): a feasible point beats an infeasible one, of two
/// infeasible points the one with the smaller violation wins, and two feasible points compare
/// by Pareto dominance.
enum ConstrainedRanking {
  /// Reports whether `first` constraint-dominates `second`.
  static func dominates(_ first: RankedPoint, _ second: RankedPoint) -> Bool {
    switch (first.feasible, second.feasible) {
    case (true, false): return true
    case (false, true): return false
    case (false, false): return first.violation < second.violation
    case (true, true): return Dominance.dominates(first.minimized, second.minimized)
    }
  }

  /// Sorts points into fronts; front 0 is non-dominated.
  ///
  /// - Complexity: O(n² d).
  static func fronts(_ points: [RankedPoint]) -> [[Int]] {
    var dominatedBy = [Int](repeating: 0, count: points.count)
    var dominating = [[Int]](repeating: [], count: points.count)
    var fronts: [[Int]] = [[]]
    for first in points.indices {
      for second in points.indices where first != second {
        if dominates(points[first], points[second]) {
          dominating[first].append(second)
        } else if dominates(points[second], points[first]) {
          dominatedBy[first] += 1
        }
      }
      if dominatedBy[first] == 0 { fronts[0].append(first) }
    }
    var current = 0
    while !fronts[current].isEmpty {
      var nextFront: [Int] = []
      for member in fronts[current] {
        for dominated in dominating[member] {
          dominatedBy[dominated] -= 1
          if dominatedBy[dominated] == 0 { nextFront.append(dominated) }
        }
      }
      current += 1
      fronts.append(nextFront)
    }
    fronts.removeLast()
    return fronts
  }

  /// Crowding distance of each member of one front (infinite at the extremes).
  static func crowding(_ front: [Int], _ points: [RankedPoint]) -> [Int: Double] {
    var distance = [Int: Double]()
    for member in front { distance[member] = 0 }
    guard front.count > 2, let objectiveCount = points.first?.minimized.count else {
      for member in front { distance[member] = .infinity }
      return distance
    }
    for objective in 0..<objectiveCount {
      let sorted = front.sorted {
        (points[$0].minimized[objective], $0) < (points[$1].minimized[objective], $1)
      }
      let low = points[sorted.first!].minimized[objective]
      let high = points[sorted.last!].minimized[objective]
      distance[sorted.first!] = .infinity
      distance[sorted.last!] = .infinity
      guard high > low else { continue }
      for position in 1..<(sorted.count - 1) {
        let gap =
          points[sorted[position + 1]].minimized[objective]
          - points[sorted[position - 1]].minimized[objective]
        distance[sorted[position]]! += gap / (high - low)
      }
    }
    return distance
  }
}

/// A point as the ranking sees it.
struct RankedPoint: Sendable, Hashable {
  var configuration: [Int]
  var minimized: [Double]
  var feasible: Bool
  var violation: Double
}
