/// An error from the LP (CLP) or MILP (CBC) solver.
public enum SolverError: Error, Equatable, CustomStringConvertible {
  /// No point satisfies every bound and constraint.
  case infeasible

  /// The objective can improve without limit.
  case unbounded

  /// The time limit ran out before any feasible solution was found.
  case timeLimitWithoutSolution

  /// The problem is malformed (wrong array sizes, bad indices, NaN, crossed bounds); the
  /// message names the offending value.
  case invalidProblem(String)

  /// The solver stopped without a usable answer, for example on numerical difficulties.
  case failed(String)

  public var description: String {
    switch self {
    case .infeasible:
      return "The problem is infeasible: no point satisfies every bound and constraint."
    case .unbounded:
      return "The problem is unbounded: the objective improves without limit."
    case .timeLimitWithoutSolution:
      return "The time limit ran out before a feasible solution was found; raise the limit."
    case .invalidProblem(let message):
      return "Invalid problem: \(message)"
    case .failed(let message):
      return "The solver failed: \(message)"
    }
  }
}
