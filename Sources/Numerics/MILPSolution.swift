/// The result of a mixed-integer program: the best integer-feasible point that CBC found.
public struct MILPSolution: Sendable {
  /// The value of each variable; integer variables are rounded to exact integers.
  public var values: [Double]

  /// The objective value at `values`, in the problem's own sense.
  public var objective: Double

  /// Whether CBC proved `values` optimal; `false` when a time limit stopped the search first.
  public var provenOptimal: Bool

  /// The best bound on the optimal objective that CBC proved: no integer-feasible point is
  /// better than it (at most it for maximization, at least it for minimization).
  public var bestBound: Double

  /// The relative optimality gap `|objective − bestBound| / max(|objective|, 1)`; 0 when the
  /// solution is proven optimal.
  public var gap: Double {
    guard !provenOptimal else {
      return 0
    }
    return abs(objective - bestBound) / max(abs(objective), 1)
  }

  public init(values: [Double], objective: Double, provenOptimal: Bool, bestBound: Double) {
    self.values = values
    self.objective = objective
    self.provenOptimal = provenOptimal
    self.bestBound = bestBound
  }
}
