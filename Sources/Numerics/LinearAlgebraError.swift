/// An error from a dense factorization.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// The factorization needs a square matrix.
  case notSquare

  /// The matrix contains a NaN or infinite entry.
  case nonFinite

  /// The leading minor of this order (counted from 1) is not positive, so the matrix is not
  /// symmetric positive definite.
  case notPositiveDefinite(order: Int)

  public var description: String {
    switch self {
    case .notSquare:
      return "The matrix is not square; a Cholesky factorization needs a square matrix."
    case .nonFinite:
      return "The matrix contains a NaN or infinite entry."
    case .notPositiveDefinite(let order):
      return
        "The matrix is not positive definite: its leading minor of order \(order) is not "
        + "positive. Add jitter to the diagonal or check that the matrix is symmetric."
    }
  }
}
