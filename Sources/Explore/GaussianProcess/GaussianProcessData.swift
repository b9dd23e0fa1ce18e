import Foundation
import Numerics

/// Training data in the units a Gaussian process works in: standardised inputs and
/// normalised outputs.
struct GaussianProcessData: Sendable {
  /// The number of training points n.
  let count: Int
  /// The number of features d.
  let dimension: Int
  /// `n × d` standardised inputs, row-major.
  let inputs: [Double]
  /// n normalised outputs.
  let outputs: [Double]

  /// The factorization, weights and likelihood of the data under fixed hyperparameters.
  struct Evaluation {
    /// The Cholesky factor of `K + (σ_n² + jitter) I`.
    var factor: Cholesky
    /// `α = (K + σ_n² I)⁻¹ y`.
    var weights: [Double]
    /// The diagonal jitter the factorization needed on top of the noise variance.
    var jitter: Double
    /// The log marginal likelihood of the normalised outputs.
    var logLikelihood: Double
    /// The gradient with respect to `GaussianProcessHyperparameters.logParameters`, when
    /// requested.
    var gradient: [Double]?
  }

  /// Factors the kernel matrix and evaluates the log marginal likelihood
  ///
  ///     log p(y) = −½ yᵀα − Σᵢ log Lᵢᵢ − (n/2) log 2π
  ///
  /// and optionally its analytic gradient with respect to the log hyperparameters,
  /// `∂/∂θ = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ)`.
  ///
  /// Duplicate or nearly duplicate inputs with little noise get diagonal jitter (see
  /// `factorWithAdaptiveJitter(_:)`); the likelihood and gradient are then those of the
  /// jittered matrix.
  ///
  /// - Parameters:
  ///   - hyperparameters: Validated hyperparameters with `dimension` length scales.
  ///   - withGradient: Whether to compute the gradient, which needs the inverse of K.
  /// - Throws: `GaussianProcessError.factorizationFailed` when even the largest jitter fails.
  /// - Complexity: O(n³ + n² d); the gradient adds an explicit inverse (O(n³)) and an
  ///   O(n² d) contraction.
  func evaluate(_ hyperparameters: GaussianProcessHyperparameters, withGradient: Bool)
    throws(GaussianProcessError) -> Evaluation
  {
    let kernel = MaternKernel(hyperparameters)
    let scaledInputs = kernel.scaled(inputs, count: count)
    let covariance = kernel.covariance(
      scaledInputs, count: count, diagonal: hyperparameters.noiseVariance)

    let (factor, jitter) = try Self.factorWithAdaptiveJitter(covariance)

    let weights = factor.solve(outputs)
    var fit = 0.0
    for index in 0..<count {
      fit += outputs[index] * weights[index]
    }
    let logLikelihood =
      -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(count) * log(2 * Double.pi)

    guard withGradient else {
      return Evaluation(
        factor: factor, weights: weights, jitter: jitter, logLikelihood: logLikelihood)
    }

    // W = ααᵀ − K⁻¹, overwriting the inverse in place.
    var contraction = factor.inverse().elements
    var trace = 0.0
    for i in 0..<count {
      for j in 0..<count {
        contraction[i * count + j] = weights[i] * weights[j] - contraction[i * count + j]
      }
      trace += contraction[i * count + i]
    }

    let sums = kernel.contractDerivatives(scaledInputs, count: count, weights: contraction)
    var gradient = sums.lengthScales.map { 0.5 * $0 }
    gradient.append(0.5 * sums.signal)
    gradient.append(0.5 * hyperparameters.noiseVariance * trace)
    return Evaluation(
      factor: factor, weights: weights, jitter: jitter, logLikelihood: logLikelihood,
      gradient: gradient)
  }

  /// Factors a kernel matrix, adding diagonal jitter when it is numerically singular.
  ///
  /// The plain matrix is tried first. A factor is rejected when LAPACK reports the matrix
  /// indefinite, or when its smallest squared pivot is below 10⁻¹² of the mean diagonal
  /// entry: such a factor comes from rounding noise (duplicate inputs without noise) and its
  /// solves are meaningless. Each retry adds jitter to the diagonal, growing tenfold from
  /// 10⁻¹⁰ to 10⁻³ of the mean diagonal entry. With a noise variance above 10⁻¹² of the
  /// signal variance no jitter is ever needed, because every pivot is then at least the noise
  /// variance.
  ///
  /// - Returns: The factor and the absolute jitter added (0 for the plain matrix).
  /// - Throws: `GaussianProcessError.factorizationFailed` when the largest jitter fails.
  /// - Complexity: O(n³) per attempt, at most 9 attempts.
  static func factorWithAdaptiveJitter(_ covariance: Matrix) throws(GaussianProcessError) -> (
    Cholesky, jitter: Double
  ) {
    let n = covariance.rows
    var diagonalSum = 0.0
    for i in 0..<n {
      diagonalSum += abs(covariance.elements[i * n + i])
    }
    let scale = diagonalSum > 0 ? diagonalSum / Double(max(1, n)) : 1

    var jitter = 0.0
    var lastError = LinearAlgebraError.notPositiveDefinite(order: 1)
    for _ in 0..<9 {
      var matrix = covariance
      if jitter > 0 {
        for i in 0..<n {
          matrix.elements[i * n + i] += jitter
        }
      }
      do {
        let factor = try Cholesky(matrix)
        let weakest = weakestPivot(factor)
        if weakest.squared >= 1e-12 * scale { return (factor, jitter) }
        lastError = .notPositiveDefinite(order: weakest.index + 1)
      } catch {
        lastError = error
        if case .nonFinite = error { break }
      }
      jitter = jitter == 0 ? 1e-10 * scale : jitter * 10
    }
    throw .factorizationFailed(lastError)
  }

  private static func weakestPivot(_ factor: Cholesky) -> (index: Int, squared: Double) {
    let n = factor.order
    var weakest = (index: 0, squared: Double.infinity)
    for i in 0..<n {
      let pivot = factor.lower.elements[i * n + i]
      if pivot * pivot < weakest.squared { weakest = (i, pivot * pivot) }
    }
    return weakest
  }
}
