import CCoinOR

/// A linear program `optimize cᵀx subject to rowLower ≤ A x ≤ rowUpper, lower ≤ x ≤ upper`,
/// solved with COIN-OR CLP's simplex method.
///
/// Bounds may be infinite. CLP runs with log level 0, so solving prints nothing. Separate
/// programs can be solved from several threads at once.
public struct LinearProgram: Sendable {
  /// The direction of optimization.
  public enum Sense: Sendable, Equatable {
    case minimize
    case maximize
  }

  /// The number of variables.
  public let variableCount: Int

  /// The direction of optimization.
  public var sense: Sense

  /// The objective coefficient of each variable; all 0 at first.
  public var objective: [Double]

  /// The lower bound of each variable; 0 at first.
  public var lowerBounds: [Double]

  /// The upper bound of each variable; `+infinity` at first.
  public var upperBounds: [Double]

  var rows: [LinearRow] = []

  /// The number of constraints added so far.
  public var constraintCount: Int { rows.count }

  /// Creates a program with no constraints, a zero objective and bounds `[0, +infinity)`.
  ///
  /// - Parameters:
  ///   - variableCount: The number of variables; `solve()` rejects a count below 1.
  ///   - sense: Whether to minimize or maximize the objective.
  public init(variableCount: Int, sense: Sense = .minimize) {
    self.variableCount = variableCount
    self.sense = sense
    let count = max(variableCount, 0)
    self.objective = Array(repeating: 0, count: count)
    self.lowerBounds = Array(repeating: 0, count: count)
    self.upperBounds = Array(repeating: .infinity, count: count)
  }

  /// Adds the constraint `lower ≤ Σ coefficient × x[index] ≤ upper`.
  ///
  /// Indices are checked when the program is solved. A variable listed twice has its
  /// coefficients summed.
  ///
  /// - Parameters:
  ///   - terms: The nonzero coefficients of the row, by variable index.
  ///   - lower: The lower bound of the row; `-infinity` for none.
  ///   - upper: The upper bound of the row; `+infinity` for none.
  public mutating func addConstraint(
    _ terms: [(index: Int, coefficient: Double)],
    lower: Double = -.infinity, upper: Double = .infinity
  ) {
    rows.append(LinearRow(terms: terms, lower: lower, upper: upper))
  }

  /// Solves the program with CLP.
  ///
  /// - Returns: An optimal solution with row duals.
  /// - Throws: `SolverError.invalidProblem` for malformed data, `.infeasible`, `.unbounded`,
  ///   or `.failed` when CLP stops early or returns a point that violates the constraints.
  /// - Complexity: Simplex; polynomial in practice for the problem sizes used here.
  public func solve() throws(SolverError) -> LPSolution {
    let model = LinearModel(
      variableCount: variableCount, isMaximization: sense == .maximize, objective: objective,
      lowerBounds: lowerBounds, upperBounds: upperBounds, rows: rows)
    return try CLPSolver.solve(model)
  }
}

/// The CLP calls behind `LinearProgram` and `MixedIntegerProgram.solveRelaxation()`.
enum CLPSolver {
  /// Validates and solves a model, ignoring any integrality.
  static func solve(_ model: LinearModel) throws(SolverError) -> LPSolution {
    try model.validate()
    let matrix = model.columnMajor()

    guard let clp = Clp_newModel() else {
      throw .failed("CLP could not create a model")
    }
    defer { Clp_deleteModel(clp) }

    // Log level 0 must be set before loading, because loading can already print.
    Clp_setLogLevel(clp, 0)
    Clp_loadProblem(
      clp, Int32(model.variableCount), Int32(model.rows.count),
      matrix.starts, matrix.rowIndices, matrix.values,
      model.lowerBounds, model.upperBounds, model.objective,
      matrix.rowLower, matrix.rowUpper)
    Clp_setOptimizationDirection(clp, model.isMaximization ? -1 : 1)
    Clp_setLogLevel(clp, 0)
    Clp_initialSolve(clp)

    switch Clp_status(clp) {
    case 0:
      break
    case 1:
      throw .infeasible
    case 2:
      throw .unbounded
    case 3:
      throw .failed("CLP stopped on its iteration or time limit before reaching an optimum")
    case 4:
      throw .failed("CLP stopped on numerical difficulties")
    case let status:
      throw .failed("CLP returned the unknown status \(status)")
    }

    let values = try copy(Clp_getColSolution(clp), count: model.variableCount, name: "solution")
    let rowPrices = try copy(Clp_getRowPrice(clp), count: model.rows.count, name: "row duals")

    // A secondary status of 2 to 4 means the scaled problem is optimal but the unscaled one
    // may not be, so the point is checked against the original data before it is returned.
    if let violation = model.violation(of: values) {
      throw .failed(
        "CLP returned an infeasible point (secondary status \(Clp_secondaryStatus(clp))): "
          + violation)
    }

    return LPSolution(
      values: values, objective: model.objectiveValue(of: values), duals: rowPrices)
  }

  /// Copies solver-owned memory before the model that owns it is deleted.
  ///
  /// - Throws: `SolverError.failed` when the solver returned no array.
  static func copy(
    _ pointer: UnsafePointer<Double>?, count: Int, name: String
  ) throws(SolverError) -> [Double] {
    guard count > 0 else {
      return []
    }
    guard let pointer else {
      throw .failed("the solver returned no \(name) after reporting success")
    }
    return Array(UnsafeBufferPointer(start: pointer, count: count))
  }
}
