import Numerics

/// An error in building or fitting a Gaussian process, with the offending value.
public enum GaussianProcessError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The training set has no points.
  case emptyTrainingSet

  /// An input row has a different feature count from the first row (or from the model).
  case dimensionMismatch(row: Int, expected: Int, found: Int)

  /// The number of outputs differs from the number of input rows.
  case outputCountMismatch(inputs: Int, outputs: Int)

  /// An input row or its output contains NaN or an infinity.
  case nonFiniteValue(row: Int)

  /// A hyperparameter is out of its domain; the message names it and its value.
  case invalidHyperparameters(String)

  /// The kernel matrix stayed numerically indefinite after the largest diagonal jitter.
  case factorizationFailed(LinearAlgebraError)

  /// Every start of the hyperparameter fit failed; the message carries the last failure.
  case fitFailed(String)

  public var description: String {
    switch self {
    case .emptyTrainingSet:
      return "The Gaussian process has no training points; give it at least one."
    case .dimensionMismatch(let row, let expected, let found):
      return "Input row \(row) has \(found) features; expected \(expected)."
    case .outputCountMismatch(let inputs, let outputs):
      return "There are \(inputs) input rows but \(outputs) outputs; give one output per row."
    case .nonFiniteValue(let row):
      return "Training row \(row) contains NaN or an infinite value; remove or repair it."
    case .invalidHyperparameters(let message):
      return "Invalid Gaussian-process hyperparameters: \(message)"
    case .factorizationFailed(let error):
      return "The kernel matrix could not be factored even with diagonal jitter: \(error)"
    case .fitFailed(let message):
      return "Every start of the hyperparameter fit failed; the last failure was: \(message)"
    }
  }
}
