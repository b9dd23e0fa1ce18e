import CCoinOR
import Synchronization

/// Serializes every CBC call in the process.
///
/// `Cbc_solve` in CBC 2.10 runs `CbcMain1`, which keeps process-wide static state. Concurrent
/// solves of separate models can flip that state into reading commands from standard input, so
/// a solve prints CBC's interactive prompt and waits for input.
private let cbcLock = Mutex(())

/// A mixed-integer linear program, solved with COIN-OR CBC's branch and cut.
///
/// It has the same data as `LinearProgram` plus an integrality flag per variable. Every CBC
/// call runs under one process-wide lock, so concurrent solves are safe but run one at a time.
/// CBC runs with log level 0 and prints nothing.
public struct MixedIntegerProgram: Sendable {
  /// The direction of optimization.
  public typealias Sense = LinearProgram.Sense

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

  /// Whether each variable must take an integer value; all `false` at first.
  public var isInteger: [Bool]

  /// The wall-clock limit for the branch-and-cut search in seconds; `nil` or `+infinity` for
  /// none.
  public var timeLimitSeconds: Double?

  var rows: [LinearRow] = []

  /// The number of constraints added so far.
  public var constraintCount: Int { rows.count }

  /// Creates a program with no constraints, a zero objective, continuous variables and bounds
  /// `[0, +infinity)`.
  ///
  /// - Parameters:
  ///   - variableCount: The number of variables; solving rejects a count below 1.
  ///   - sense: Whether to minimize or maximize the objective.
  public init(variableCount: Int, sense: Sense = .minimize) {
    self.variableCount = variableCount
    self.sense = sense
    let count = max(variableCount, 0)
    self.objective = Array(repeating: 0, count: count)
    self.lowerBounds = Array(repeating: 0, count: count)
    self.upperBounds = Array(repeating: .infinity, count: count)
    self.isInteger = Array(repeating: false, count: count)
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

  /// Solves the program with CBC, holding the process-wide CBC lock for the whole solve.
  ///
  /// - Returns: The best integer-feasible solution, with `provenOptimal == false` and the
  ///   proven `bestBound` when the time limit stopped the search.
  /// - Throws: `SolverError.invalidProblem` for malformed data, `.infeasible`, `.unbounded`,
  ///   `.timeLimitWithoutSolution`, or `.failed` when CBC gives up for another reason.
  /// - Complexity: Exponential in the number of integer variables in the worst case; bound it
  ///   with `timeLimitSeconds`.
  public func solve() throws(SolverError) -> MILPSolution {
    let model = linearModel()
    try model.validate()
    guard isInteger.count == variableCount else {
      throw .invalidProblem("isInteger has \(isInteger.count) entries; expected \(variableCount)")
    }
    if let timeLimitSeconds, !(timeLimitSeconds > 0) {
      throw .invalidProblem("timeLimitSeconds is \(timeLimitSeconds); it must be positive")
    }
    try checkIntegerBounds()

    // CBC 2.10 skips branch and bound when no variable is integer and then reports status -1
    // with no incumbent, so a purely continuous program goes to CLP instead.
    if !isInteger.contains(true) {
      let relaxation = try CLPSolver.solve(model)
      return MILPSolution(
        values: relaxation.values, objective: relaxation.objective, provenOptimal: true,
        bestBound: relaxation.objective)
    }

    return try cbcLock.withLock { _ throws(SolverError) in
      try CBCSolver.solve(model, isInteger: isInteger, timeLimitSeconds: timeLimitSeconds)
    }
  }

  /// Solves the linear relaxation, which drops every integrality requirement, with CLP.
  ///
  /// - Returns: The optimal solution of the relaxation; its objective bounds the MILP optimum.
  /// - Throws: The same errors as `LinearProgram.solve()`.
  public func solveRelaxation() throws(SolverError) -> LPSolution {
    try CLPSolver.solve(linearModel())
  }

  private func linearModel() -> LinearModel {
    LinearModel(
      variableCount: variableCount, isMaximization: sense == .maximize, objective: objective,
      lowerBounds: lowerBounds, upperBounds: upperBounds, rows: rows)
  }

  /// Rejects integer variables whose finite bounds admit no integer.
  private func checkIntegerBounds() throws(SolverError) {
    for j in 0..<variableCount where isInteger[j] {
      let lower = lowerBounds[j]
      let upper = upperBounds[j]
      if lower.isFinite, upper.isFinite, lower.rounded(.up) > upper.rounded(.down) {
        throw .infeasible
      }
    }
  }
}
