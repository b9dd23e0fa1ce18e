import Foundation

@testable import Explore

/// A Gaussian process computed the slow, obvious way, to check the library against: the
/// kernel matrix is inverted by Gauss-Jordan elimination with partial pivoting, and every
/// formula is written out in full.
struct DenseGaussianProcess {
  let standardizedInputs: [[Double]]
  let inputMeans: [Double]
  let inputScales: [Double]
  let outputMean: Double
  let outputScale: Double
  let hyperparameters: GaussianProcessHyperparameters
  let inverse: [[Double]]
  let weights: [Double]
  let logMarginalLikelihood: Double

  init(inputs: [[Double]], outputs: [Double], hyperparameters: GaussianProcessHyperparameters) {
    let n = inputs.count
    let d = inputs[0].count
    var means = [Double](repeating: 0, count: d)
    var scales = [Double](repeating: 0, count: d)
    for feature in 0..<d {
      let column = inputs.map { $0[feature] }
      means[feature] = column.reduce(0, +) / Double(n)
      let variance =
        column.map { ($0 - means[feature]) * ($0 - means[feature]) }
        .reduce(0, +) / Double(n)
      scales[feature] = variance.squareRoot()
    }
    let yMean = outputs.reduce(0, +) / Double(n)
    let yScale = (outputs.map { ($0 - yMean) * ($0 - yMean) }.reduce(0, +) / Double(n))
      .squareRoot()
    let standardized = inputs.map { row in (0..<d).map { (row[$0] - means[$0]) / scales[$0] } }
    let y = outputs.map { ($0 - yMean) / yScale }

    var covariance = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in 0..<n {
        covariance[i][j] = Self.kernel(standardized[i], standardized[j], hyperparameters)
      }
      covariance[i][i] += hyperparameters.noiseVariance
    }
    let (inverse, logDeterminant) = Self.invert(covariance)
    let weights = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + inverse[i][$1] * y[$1] } }
    let fit = (0..<n).reduce(0.0) { $0 + y[$1] * weights[$1] }

    self.standardizedInputs = standardized
    self.inputMeans = means
    self.inputScales = scales
    self.outputMean = yMean
    self.outputScale = yScale
    self.hyperparameters = hyperparameters
    self.inverse = inverse
    self.weights = weights
    self.logMarginalLikelihood =
      -0.5 * fit - 0.5 * logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
  }

  static func kernel(
    _ a: [Double], _ b: [Double], _ hyperparameters: GaussianProcessHyperparameters
  ) -> Double {
    var squared = 0.0
    for feature in a.indices {
      let difference = (a[feature] - b[feature]) / hyperparameters.lengthScales[feature]
      squared += difference * difference
    }
    let r = squared.squareRoot()
    let s = 5.0.squareRoot() * r
    return hyperparameters.signalVariance * (1 + s + 5 * r * r / 3) * exp(-s)
  }

  /// Gauss-Jordan inversion with partial pivoting; also returns log |det A|.
  static func invert(_ matrix: [[Double]]) -> (inverse: [[Double]], logDeterminant: Double) {
    let n = matrix.count
    var left = matrix
    var right = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    var logDeterminant = 0.0
    for column in 0..<n {
      var pivot = column
      for row in column..<n where abs(left[row][column]) > abs(left[pivot][column]) {
        pivot = row
      }
      left.swapAt(column, pivot)
      right.swapAt(column, pivot)
      let diagonal = left[column][column]
      logDeterminant += log(abs(diagonal))
      for j in 0..<n {
        left[column][j] /= diagonal
        right[column][j] /= diagonal
      }
      for row in 0..<n where row != column {
        let factor = left[row][column]
        guard factor != 0 else { continue }
        for j in 0..<n {
          left[row][j] -= factor * left[column][j]
          right[row][j] -= factor * right[column][j]
        }
      }
    }
    return (right, logDeterminant)
  }

  func predict(_ point: [Double]) -> (mean: Double, variance: Double) {
    let standardized = point.indices.map { (point[$0] - inputMeans[$0]) / inputScales[$0] }
    let cross = standardizedInputs.map { Self.kernel($0, standardized, hyperparameters) }
    let n = cross.count
    let mean = (0..<n).reduce(0.0) { $0 + cross[$1] * weights[$1] }
    var quadratic = 0.0
    for i in 0..<n {
      for j in 0..<n {
        quadratic += cross[i] * inverse[i][j] * cross[j]
      }
    }
    return (
      outputMean + outputScale * mean,
      outputScale * outputScale * (hyperparameters.signalVariance - quadratic)
    )
  }
}
