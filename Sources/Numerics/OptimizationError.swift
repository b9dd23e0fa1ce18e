/// An error from `LBFGS.minimize`.
public enum OptimizationError: Error, Equatable, CustomStringConvertible {
  /// The start point, bounds or settings are malformed; the message names the offending value.
  case invalidProblem(String)

  /// The objective returned NaN or an infinity, or put one into the gradient, at this
  /// evaluation (counted from 1).
  case nonFiniteObjective(evaluation: Int)

  /// The objective resized its gradient array at this evaluation (counted from 1).
  case gradientSizeChanged(evaluation: Int)

  /// NLopt stopped with a failure code; the message carries NLopt's description.
  case failed(String)

  public var description: String {
    switch self {
    case .invalidProblem(let message):
      return "Invalid optimization problem: \(message)"
    case .nonFiniteObjective(let evaluation):
      return
        "The objective or its gradient was NaN or infinite at evaluation \(evaluation); "
        + "check the objective near the bounds."
    case .gradientSizeChanged(let evaluation):
      return
        "The objective changed the size of the gradient array at evaluation \(evaluation); "
        + "it must write one entry per variable."
    case .failed(let message):
      return "L-BFGS failed: \(message)"
    }
  }
}
