import Foundation

/// Expected improvement for minimisation, and the choice of the best candidate by it.
enum BayesAcquisition {
  /// Computes the expected improvement of a Gaussian prediction below an incumbent:
  /// `σ (z Φ(z) + φ(z))` with `z = (incumbent − μ) / σ`, or `max(0, incumbent − μ)` when σ
  /// is negligible.
  ///
  /// - Parameters:
  ///   - mean: The posterior mean μ.
  ///   - variance: The posterior variance σ².
  ///   - incumbent: The best (smallest) target observed so far.
  static func expectedImprovement(mean: Double, variance: Double, incumbent: Double) -> Double {
    let deviation = max(0, variance).squareRoot()
    let gain = incumbent - mean
    guard deviation > 1e-12 * max(1, abs(incumbent)) else { return max(0, gain) }
    let z = gain / deviation
    let cumulative = 0.5 * erfc(-z / 2.0.squareRoot())
    let density = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    return max(0, deviation * (z * cumulative + density))
  }

  /// Returns the index of the prediction with the highest expected improvement.
  ///
  /// The first index wins ties. When every improvement underflows to 0 (far from the
  /// incumbent everywhere), the index with the lowest confidence bound μ − 2σ is returned.
  ///
  /// - Precondition: The prediction contains at least one point.
  static func bestIndex(_ prediction: GaussianProcessPrediction, incumbent: Double) -> Int {
    precondition(!prediction.mean.isEmpty, "no candidate to choose from")
    var bestIndex = 0
    var bestImprovement = -Double.infinity
    for index in prediction.mean.indices {
      let improvement = expectedImprovement(
        mean: prediction.mean[index], variance: prediction.variance[index], incumbent: incumbent)
      if improvement > bestImprovement {
        bestImprovement = improvement
        bestIndex = index
      }
    }
    guard !(bestImprovement > 0) else { return bestIndex }

    var lowestBound = Double.infinity
    for index in prediction.mean.indices {
      let bound = prediction.mean[index] - 2 * max(0, prediction.variance[index]).squareRoot()
      if bound < lowestBound {
        lowestBound = bound
        bestIndex = index
      }
    }
    return bestIndex
  }
}
