import Foundation

/// The choice of which records the surrogate is trained on when there are more than the
/// model may hold.
enum BayesTrainingSelection {
  /// Returns the indices of at most `limit` records, in ascending order.
  ///
  /// Half of the limit goes to the most promising records, ranked as follows: feasible Pareto
  /// front members, then other feasible records by their equal-weight Chebyshev score, then
  /// infeasible records by violation. The other half goes to the most recent records not yet
  /// chosen. The choice does not depend on a batch's random weights, so every element of a
  /// batch shares one kernel matrix.
  ///
  /// - Complexity: O(n log n) plus the front computation (O(n log n) for two objectives,
  ///   O(n² d) otherwise).
  static func indices(
    of records: [BayesRecord], limit: Int, scalarization: BayesScalarization
  ) -> [Int] {
    guard records.count > limit else { return Array(records.indices) }

    let usable = records.indices.filter { records[$0].usable }
    let front = Set(
      Dominance.nonDominatedIndices(usable.map { records[$0].minimized }).map {
        usable[$0]
      })
    let objectiveCount = scalarization.lower.count
    let equalWeights = [Double](
      repeating: 1 / Double(max(1, objectiveCount)), count: objectiveCount)

    func rank(_ index: Int) -> (Int, Double, Int) {
      let record = records[index]
      if front.contains(index) { return (0, 0, index) }
      if record.usable {
        return (1, scalarization.score(record.minimized, weights: equalWeights), index)
      }
      return (2, record.violation.isFinite ? record.violation : .infinity, index)
    }

    let ranked = records.indices.map { (rank($0), $0) }.sorted { $0.0 < $1.0 }
    var chosen = Set(ranked.prefix(limit / 2).map(\.1))
    var index = records.count - 1
    while chosen.count < limit, index >= 0 {
      chosen.insert(index)
      index -= 1
    }
    return chosen.sorted()
  }
}
