import CLapack
import Foundation

/// A Cholesky factorization `A = L Lᵀ` of a symmetric positive definite matrix, computed with
/// LAPACK's `dpotrf`.
///
/// Only the lower triangle of the input is read, so the upper triangle may hold anything
/// finite. Right-hand sides whose size does not match the order are programmer errors and trap.
public struct Cholesky: Sendable {
  /// The lower-triangular factor `L`, with zeros above the diagonal.
  public let lower: Matrix

  /// The order `n` of the factored `n`-by-`n` matrix.
  public var order: Int { lower.rows }

  /// Factors a symmetric positive definite matrix.
  ///
  /// - Parameter matrix: A square matrix; only its lower triangle is read.
  /// - Throws: `LinearAlgebraError.notSquare`, `.nonFinite` when an entry of the lower
  ///   triangle is NaN or infinite, or `.notPositiveDefinite(order:)`.
  /// - Complexity: O(n³).
  public init(_ matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.rows == matrix.columns else {
      throw .notSquare
    }
    let n = matrix.rows
    Matrix.checkBLASSize(n)
    for i in 0..<n {
      for j in 0...i where !matrix.elements[i * n + j].isFinite {
        throw .nonFinite
      }
    }

    var factor = matrix.elements
    if n > 0 {
      let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Cholesky.lowerFlag, Int32(n), &factor, Int32(n))
      if info > 0 {
        throw .notPositiveDefinite(order: Int(info))
      }
      // The arguments were checked above, so LAPACKE has no illegal value to report.
      precondition(info == 0, "LAPACKE_dpotrf rejected argument \(-info)")
    }

    for i in 0..<n {
      for j in (i + 1)..<n {
        factor[i * n + j] = 0
      }
    }
    self.lower = Matrix(rows: n, columns: n, elements: factor)
  }

  /// Factors a matrix, adding growing jitter to the diagonal until the factorization succeeds.
  ///
  /// The first attempt adds nothing. Attempt `k` (from 1) adds
  /// `initialJitter × 10^(k−1) × s` to every diagonal entry, where `s` is the mean absolute
  /// diagonal entry (or 1 when that mean is 0), so the jitter scales with the matrix.
  ///
  /// - Parameters:
  ///   - matrix: A square, symmetric, nearly positive definite matrix, such as a kernel matrix
  ///     with duplicate points.
  ///   - initialJitter: The first jitter, relative to the mean diagonal entry; must be positive.
  ///   - maxAttempts: The number of jittered attempts after the plain one; at least 1.
  /// - Returns: The factorization and the absolute amount added to the diagonal (0 when the
  ///   plain factorization succeeded).
  /// - Throws: `.notSquare` or `.nonFinite` at once, or the last `.notPositiveDefinite(order:)`
  ///   when every attempt failed.
  /// - Complexity: O(n³) per attempt.
  public static func factorWithJitter(
    _ matrix: Matrix, initialJitter: Double = 1e-10, maxAttempts: Int = 8
  ) throws(LinearAlgebraError) -> (Cholesky, jitterUsed: Double) {
    precondition(initialJitter > 0 && initialJitter.isFinite, "initialJitter must be positive")
    precondition(maxAttempts >= 1, "maxAttempts must be at least 1")

    var lastError: LinearAlgebraError
    do {
      return (try Cholesky(matrix), 0)
    } catch {
      guard case .notPositiveDefinite = error else {
        throw error
      }
      lastError = error
    }

    let n = matrix.rows
    var diagonalSum = 0.0
    for i in 0..<n {
      diagonalSum += abs(matrix.elements[i * n + i])
    }
    let scale = n > 0 && diagonalSum > 0 ? diagonalSum / Double(n) : 1

    var jitter = initialJitter * scale
    for _ in 0..<maxAttempts {
      var jittered = matrix
      for i in 0..<n {
        jittered.elements[i * n + i] += jitter
      }
      do {
        return (try Cholesky(jittered), jitter)
      } catch {
        lastError = error
      }
      jitter *= 10
    }
    throw lastError
  }

  /// Solves `A x = b` with LAPACK's `dpotrs`.
  ///
  /// - Parameter b: A right-hand side with `order` entries.
  /// - Returns: The solution `x`.
  /// - Complexity: O(n²).
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == order, "Right-hand side has \(b.count) entries, expected \(order)")
    var x = b
    guard order > 0 else {
      return x
    }
    let info = LAPACKE_dpotrs(
      LAPACK_ROW_MAJOR, Cholesky.lowerFlag, Int32(order), 1, lower.elements, Int32(order), &x, 1)
    precondition(info == 0, "LAPACKE_dpotrs rejected argument \(-info)")
    return x
  }

  /// Solves `A X = B` for several right-hand sides at once with LAPACK's `dpotrs`.
  ///
  /// - Parameter b: A matrix with `order` rows, one right-hand side per column.
  /// - Returns: The solution `X`, the same shape as `b`.
  /// - Complexity: O(n² × columns).
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "Right-hand side has \(b.rows) rows, expected \(order)")
    Matrix.checkBLASSize(b.columns)
    var x = b
    guard order > 0, b.columns > 0 else {
      return x
    }
    let info = LAPACKE_dpotrs(
      LAPACK_ROW_MAJOR, Cholesky.lowerFlag, Int32(order), Int32(b.columns),
      lower.elements, Int32(order), &x.elements, Int32(b.columns))
    precondition(info == 0, "LAPACKE_dpotrs rejected argument \(-info)")
    return x
  }

  /// Solves the triangular system `L y = b` by forward substitution (`cblas_dtrsv`).
  ///
  /// - Parameter b: A right-hand side with `order` entries.
  /// - Returns: `y = L⁻¹ b`; its squared norm equals `bᵀ A⁻¹ b`.
  /// - Complexity: O(n²).
  public func solveLower(_ b: [Double]) -> [Double] {
    precondition(b.count == order, "Right-hand side has \(b.count) entries, expected \(order)")
    var y = b
    guard order > 0 else {
      return y
    }
    cblas_dtrsv(
      CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, blasint(order),
      lower.elements, blasint(order), &y, 1)
    return y
  }

  /// The natural logarithm of `det(A)`, which is `2 Σ log Lᵢᵢ`.
  public var logDeterminant: Double {
    var sum = 0.0
    for i in 0..<order {
      sum += log(lower.elements[i * order + i])
    }
    return 2 * sum
  }

  /// Returns `A⁻¹` as a full symmetric matrix, computed with LAPACK's `dpotri`.
  ///
  /// Prefer `solve(_:)` when only products with the inverse are needed.
  ///
  /// - Complexity: O(n³).
  public func inverse() -> Matrix {
    var result = lower
    guard order > 0 else {
      return result
    }
    let n = order
    let info = LAPACKE_dpotri(
      LAPACK_ROW_MAJOR, Cholesky.lowerFlag, Int32(n), &result.elements, Int32(n))
    // A factor with a positive diagonal is never singular, so only argument errors remain.
    precondition(info == 0, "LAPACKE_dpotri failed with info \(info)")

    for i in 0..<n {
      for j in (i + 1)..<n {
        result.elements[i * n + j] = result.elements[j * n + i]
      }
    }
    return result
  }

  private static let lowerFlag = CChar(UInt8(ascii: "L"))
}
