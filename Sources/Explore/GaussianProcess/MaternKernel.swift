import Foundation
import Numerics

/// The Matérn 5/2 covariance with automatic relevance determination (one length scale per
/// feature):
///
///     k(x, x') = σ_f² (1 + s + s²/3) exp(−s),  s = √5 r,  r² = Σᵢ (xᵢ − x'ᵢ)² / ℓᵢ².
///
/// Inputs are row-major buffers of `count × dimension` values. Every function first divides
/// the inputs by the length scales (`scaled(_:count:)`), so distances cost one subtraction and
/// one multiply per feature.
struct MaternKernel: Sendable {
  /// `1 / ℓᵢ` for each feature.
  let inverseLengthScales: [Double]
  let signalVariance: Double

  var dimension: Int { inverseLengthScales.count }

  init(_ hyperparameters: GaussianProcessHyperparameters) {
    self.inverseLengthScales = hyperparameters.lengthScales.map { 1 / $0 }
    self.signalVariance = hyperparameters.signalVariance
  }

  static let sqrt5 = 5.0.squareRoot()

  /// Returns the covariance at a scaled squared distance r².
  @inline(__always)
  func value(squaredDistance: Double) -> Double {
    let s = Self.sqrt5 * squaredDistance.squareRoot()
    return signalVariance * (1 + s + s * s / 3) * exp(-s)
  }

  /// Divides every feature by its length scale.
  ///
  /// - Parameters:
  ///   - inputs: `count × dimension` standardised values, row-major.
  ///   - count: The number of rows.
  /// - Returns: The scaled rows in the same layout.
  func scaled(_ inputs: [Double], count: Int) -> [Double] {
    precondition(inputs.count == count * dimension, "inputs must hold count × dimension values")
    var result = inputs
    let d = dimension
    inverseLengthScales.withUnsafeBufferPointer { inverse in
      result.withUnsafeMutableBufferPointer { rows in
        for row in 0..<count {
          for feature in 0..<d {
            rows[row * d + feature] *= inverse[feature]
          }
        }
      }
    }
    return result
  }

  /// Builds the symmetric covariance matrix of scaled rows, plus `diagonal` on the diagonal.
  ///
  /// - Parameters:
  ///   - scaledInputs: Rows from `scaled(_:count:)`.
  ///   - count: The number of rows n.
  ///   - diagonal: The value added to every diagonal entry (the noise variance).
  /// - Returns: The full n × n matrix, both triangles filled.
  /// - Complexity: O(n² d) time; the only allocation is the result.
  func covariance(_ scaledInputs: [Double], count: Int, diagonal: Double) -> Matrix {
    var elements = [Double](repeating: 0, count: count * count)
    let d = dimension
    scaledInputs.withUnsafeBufferPointer { rows in
      elements.withUnsafeMutableBufferPointer { matrix in
        for i in 0..<count {
          matrix[i * count + i] = signalVariance + diagonal
          for j in 0..<i {
            var squared = 0.0
            for feature in 0..<d {
              let difference = rows[i * d + feature] - rows[j * d + feature]
              squared += difference * difference
            }
            let covariance = value(squaredDistance: squared)
            matrix[i * count + j] = covariance
            matrix[j * count + i] = covariance
          }
        }
      }
    }
    return Matrix(rows: count, columns: count, elements: elements)
  }

  /// Builds the covariance between training rows and test rows.
  ///
  /// - Parameters:
  ///   - trainingRows: n scaled training rows.
  ///   - trainingCount: n.
  ///   - testRows: m scaled test rows.
  ///   - testCount: m.
  /// - Returns: The n × m matrix whose entry (i, j) is k(trainingᵢ, testⱼ).
  /// - Complexity: O(n m d).
  func crossCovariance(
    _ trainingRows: [Double], trainingCount: Int, _ testRows: [Double], testCount: Int
  ) -> Matrix {
    var elements = [Double](repeating: 0, count: trainingCount * testCount)
    let d = dimension
    trainingRows.withUnsafeBufferPointer { training in
      testRows.withUnsafeBufferPointer { test in
        elements.withUnsafeMutableBufferPointer { matrix in
          for i in 0..<trainingCount {
            for j in 0..<testCount {
              var squared = 0.0
              for feature in 0..<d {
                let difference = training[i * d + feature] - test[j * d + feature]
                squared += difference * difference
              }
              matrix[i * testCount + j] = value(squaredDistance: squared)
            }
          }
        }
      }
    }
    return Matrix(rows: trainingCount, columns: testCount, elements: elements)
  }

  /// Contracts a symmetric weight matrix W with the kernel's derivatives:
  /// `Σⱼₖ Wⱼₖ ∂Kⱼₖ/∂ log ℓᵢ` for each feature i, and `Σⱼₖ Wⱼₖ Kⱼₖ` (which is the derivative
  /// with respect to log σ_f²).
  ///
  /// The length-scale derivative of one entry is σ_f² (5/3)(1 + s) exp(−s) (Δxᵢ / ℓᵢ)², which
  /// is finite at s = 0, so duplicate rows need no special case.
  ///
  /// - Parameters:
  ///   - scaledInputs: Rows from `scaled(_:count:)`.
  ///   - count: The number of rows n.
  ///   - weights: The symmetric n × n weights W, row-major.
  /// - Returns: The d length-scale contractions and the signal contraction.
  /// - Complexity: O(n² d) time, O(d) extra memory.
  func contractDerivatives(_ scaledInputs: [Double], count: Int, weights: [Double]) -> (
    lengthScales: [Double], signal: Double
  ) {
    let d = dimension
    var lengthScaleSums = [Double](repeating: 0, count: d)
    var signalSum = 0.0
    var differences = [Double](repeating: 0, count: d)
    scaledInputs.withUnsafeBufferPointer { rows in
      weights.withUnsafeBufferPointer { w in
        lengthScaleSums.withUnsafeMutableBufferPointer { sums in
          differences.withUnsafeMutableBufferPointer { squares in
            for i in 0..<count {
              signalSum += w[i * count + i] * signalVariance
              for j in 0..<i {
                var squared = 0.0
                for feature in 0..<d {
                  let difference = rows[i * d + feature] - rows[j * d + feature]
                  squares[feature] = difference * difference
                  squared += squares[feature]
                }
                // Off-diagonal pairs appear twice in the symmetric sum.
                let weight = 2 * w[i * count + j]
                let s = Self.sqrt5 * squared.squareRoot()
                let decay = exp(-s)
                signalSum += weight * signalVariance * (1 + s + s * s / 3) * decay
                let factor = weight * signalVariance * (5.0 / 3.0) * (1 + s) * decay
                for feature in 0..<d {
                  sums[feature] += factor * squares[feature]
                }
              }
            }
          }
        }
      }
    }
    return (lengthScaleSums, signalSum)
  }
}
