import CCoinOR

/// One linear constraint `lower ≤ Σ coefficient × x[index] ≤ upper`.
struct LinearRow: Sendable {
  var terms: [(index: Int, coefficient: Double)]
  var lower: Double
  var upper: Double
}

/// The data shared by `LinearProgram` and `MixedIntegerProgram`, checked and converted to the
/// compressed sparse column layout that CLP and CBC load.
struct LinearModel {
  var variableCount: Int
  var isMaximization: Bool
  var objective: [Double]
  var lowerBounds: [Double]
  var upperBounds: [Double]
  var rows: [LinearRow]

  /// Compressed sparse column data: column `j` owns entries `starts[j]..<starts[j + 1]`.
  struct ColumnMajor {
    var starts: [CoinBigIndex]
    var rowIndices: [Int32]
    var values: [Double]
    var rowLower: [Double]
    var rowUpper: [Double]
  }

  /// Checks sizes, indices and values so that no malformed data reaches the C solvers.
  ///
  /// - Throws: `SolverError.invalidProblem` naming the first offending value, or `.infeasible`
  ///   when a variable or constraint has crossed bounds.
  func validate() throws(SolverError) {
    guard variableCount > 0 else {
      throw .invalidProblem("variableCount is \(variableCount); it must be at least 1")
    }
    guard variableCount < Int(Int32.max), rows.count < Int(Int32.max) else {
      throw .invalidProblem("the problem exceeds the solver's 32-bit index range")
    }
    try checkCount(objective, "objective")
    try checkCount(lowerBounds, "lowerBounds")
    try checkCount(upperBounds, "upperBounds")

    for j in 0..<variableCount {
      guard objective[j].isFinite else {
        throw .invalidProblem("objective[\(j)] is \(objective[j]); it must be finite")
      }
      try checkBoundsAreNumbers(lowerBounds[j], upperBounds[j], "variable \(j)")
    }

    for (r, row) in rows.enumerated() {
      try checkBoundsAreNumbers(row.lower, row.upper, "constraint \(r)")
      for term in row.terms {
        guard term.index >= 0 && term.index < variableCount else {
          throw .invalidProblem(
            "constraint \(r) uses variable index \(term.index), outside 0..<\(variableCount)")
        }
        guard term.coefficient.isFinite else {
          throw .invalidProblem(
            "constraint \(r) has coefficient \(term.coefficient) for variable \(term.index); "
              + "coefficients must be finite")
        }
      }
    }

    // Crossed bounds describe a well-formed model with an empty feasible set, so they are
    // reported the same way as infeasibility that the simplex method finds.
    for j in 0..<variableCount where hasCrossedBounds(lowerBounds[j], upperBounds[j]) {
      throw .infeasible
    }
    for row in rows where hasCrossedBounds(row.lower, row.upper) {
      throw .infeasible
    }
  }

  /// Builds the column-major constraint matrix; repeated variables in a row are summed.
  ///
  /// - Complexity: O(nonzeros + variableCount + rows).
  func columnMajor() -> ColumnMajor {
    var entriesByColumn = [[(row: Int32, value: Double)]](repeating: [], count: variableCount)
    for (r, row) in rows.enumerated() {
      var merged: [Int: Double] = [:]
      for term in row.terms {
        merged[term.index, default: 0] += term.coefficient
      }
      for (index, value) in merged.sorted(by: { $0.key < $1.key }) where value != 0 {
        entriesByColumn[index].append((Int32(r), value))
      }
    }

    var result = ColumnMajor(
      starts: [0], rowIndices: [], values: [],
      rowLower: rows.map(\.lower), rowUpper: rows.map(\.upper))
    for entries in entriesByColumn {
      for entry in entries {
        result.rowIndices.append(entry.row)
        result.values.append(entry.value)
      }
      result.starts.append(CoinBigIndex(result.rowIndices.count))
    }
    return result
  }

  /// Returns `Σ objective[j] × values[j]`.
  func objectiveValue(of values: [Double]) -> Double {
    var sum = 0.0
    for j in 0..<variableCount {
      sum += objective[j] * values[j]
    }
    return sum
  }

  /// Returns a description of the worst bound or constraint violation of `values` beyond a
  /// relative tolerance, or `nil` when the point is feasible.
  ///
  /// - Parameter tolerance: Allowed violation relative to `max(1, |bound|, Σ |aᵢ xᵢ|)`.
  func violation(of values: [Double], tolerance: Double = 1e-6) -> String? {
    for j in 0..<variableCount {
      let value = values[j]
      guard value.isFinite else {
        return "variable \(j) has the non-finite value \(value)"
      }
      if exceeds(value, lowerBounds[j], upperBounds[j], scale: abs(value), tolerance) {
        return "variable \(j) = \(value) is outside [\(lowerBounds[j]), \(upperBounds[j])]"
      }
    }
    for (r, row) in rows.enumerated() {
      var activity = 0.0
      var magnitude = 0.0
      for term in row.terms {
        activity += term.coefficient * values[term.index]
        magnitude += abs(term.coefficient * values[term.index])
      }
      if exceeds(activity, row.lower, row.upper, scale: magnitude, tolerance) {
        return "constraint \(r) has activity \(activity), outside [\(row.lower), \(row.upper)]"
      }
    }
    return nil
  }

  private func exceeds(
    _ value: Double, _ lower: Double, _ upper: Double, scale: Double, _ tolerance: Double
  ) -> Bool {
    let lowerSlack = tolerance * max(1, scale, lower.isFinite ? abs(lower) : 0)
    let upperSlack = tolerance * max(1, scale, upper.isFinite ? abs(upper) : 0)
    return value < lower - lowerSlack || value > upper + upperSlack
  }

  private func checkCount(_ array: [Double], _ name: String) throws(SolverError) {
    guard array.count == variableCount else {
      throw .invalidProblem("\(name) has \(array.count) entries; expected \(variableCount)")
    }
  }

  private func checkBoundsAreNumbers(
    _ lower: Double, _ upper: Double, _ name: String
  ) throws(SolverError) {
    guard !lower.isNaN, !upper.isNaN else {
      throw .invalidProblem("\(name) has a NaN bound")
    }
  }

  private func hasCrossedBounds(_ lower: Double, _ upper: Double) -> Bool {
    lower == .infinity || upper == -.infinity || lower > upper
  }
}
