import Foundation
import Numerics

/// Posterior predictions at a batch of points, in the units of the training outputs.
public struct GaussianProcessPrediction: Sendable, Hashable {
  /// The posterior mean at each point.
  public var mean: [Double]
  /// The posterior variance of the latent function at each point (observation noise
  /// excluded), never negative.
  public var variance: [Double]
}

/// Gaussian-process regression with an ARD Matérn 5/2 kernel.
///
/// Inputs are standardised per feature to zero mean and unit variance, and outputs are
/// normalised to zero mean and unit variance. Hyperparameters are in those units. The kernel
/// matrix is factored with LAPACK's Cholesky (`dpotrf`). When duplicate or nearly duplicate
/// inputs make it numerically singular, adaptive diagonal jitter is added (`jitterUsed`).
///
/// Create one with fixed hyperparameters (`init(inputs:outputs:hyperparameters:)`) or fit them
/// by maximising the log marginal likelihood (`fit(inputs:outputs:options:using:)`).
public struct GaussianProcess: Sendable {
  /// The kernel and noise hyperparameters, in standardised units.
  public let hyperparameters: GaussianProcessHyperparameters

  /// The map from raw input features to the kernel's standardised inputs.
  public let inputStandardization: FeatureStandardization

  /// The mean of the training outputs, subtracted before modelling.
  public let outputMean: Double

  /// The standard deviation of the training outputs (1 when they are all equal).
  public let outputScale: Double

  /// The absolute diagonal jitter, in normalised output variance units, that the Cholesky
  /// factorization needed on top of the noise variance; 0 when none was needed.
  public let jitterUsed: Double

  /// The log marginal likelihood of the normalised training outputs.
  public let logMarginalLikelihood: Double

  let data: GaussianProcessData
  let factor: Cholesky
  /// `α = (K + σ_n² I)⁻¹ y` for the normalised outputs y.
  let weights: [Double]

  /// The number of training points.
  public var count: Int { data.count }

  /// The number of input features.
  public var dimension: Int { data.dimension }

  /// Conditions a Gaussian process with fixed hyperparameters on training data.
  ///
  /// - Parameters:
  ///   - inputs: At least one row of raw features, all of the same length.
  ///   - outputs: One finite output per row.
  ///   - hyperparameters: Hyperparameters in standardised units, one length scale per feature.
  /// - Throws: `GaussianProcessError` for malformed data or hyperparameters, or when the
  ///   kernel matrix cannot be factored even with jitter.
  /// - Complexity: O(n³ + n² d).
  public init(
    inputs: [[Double]], outputs: [Double], hyperparameters: GaussianProcessHyperparameters
  ) throws(GaussianProcessError) {
    let prepared = try Self.prepare(inputs: inputs, outputs: outputs)
    try self.init(
      data: prepared.data, inputStandardization: prepared.standardization,
      outputMean: prepared.outputMean, outputScale: prepared.outputScale,
      hyperparameters: hyperparameters)
  }

  init(
    data: GaussianProcessData, inputStandardization: FeatureStandardization, outputMean: Double,
    outputScale: Double, hyperparameters: GaussianProcessHyperparameters
  ) throws(GaussianProcessError) {
    try hyperparameters.validate(dimension: data.dimension)
    let evaluation = try data.evaluate(hyperparameters, withGradient: false)
    self.hyperparameters = hyperparameters
    self.inputStandardization = inputStandardization
    self.outputMean = outputMean
    self.outputScale = outputScale
    self.jitterUsed = evaluation.jitter
    self.logMarginalLikelihood = evaluation.logLikelihood
    self.data = data
    self.factor = evaluation.factor
    self.weights = evaluation.weights
  }

  private init(
    _ other: GaussianProcess, outputs: [Double], outputMean: Double, outputScale: Double
  ) {
    let data = GaussianProcessData(
      count: other.count, dimension: other.dimension, inputs: other.data.inputs,
      outputs: outputs)
    let weights = other.factor.solve(outputs)
    var fit = 0.0
    for index in 0..<data.count {
      fit += outputs[index] * weights[index]
    }
    self.hyperparameters = other.hyperparameters
    self.inputStandardization = other.inputStandardization
    self.outputMean = outputMean
    self.outputScale = outputScale
    self.jitterUsed = other.jitterUsed
    self.logMarginalLikelihood =
      -0.5 * fit - 0.5 * other.factor.logDeterminant
      - 0.5 * Double(data.count) * log(2 * Double.pi)
    self.data = data
    self.factor = other.factor
    self.weights = weights
  }

  /// Returns the same process (same inputs, hyperparameters and factorization) trained on
  /// other outputs, which are normalised afresh.
  ///
  /// - Parameter outputs: One finite output per training point.
  /// - Throws: `GaussianProcessError.outputCountMismatch` or `.nonFiniteValue`.
  /// - Complexity: O(n²), because the factorization is reused.
  public func replacingOutputs(_ outputs: [Double]) throws(GaussianProcessError)
    -> GaussianProcess
  {
    guard outputs.count == count else {
      throw .outputCountMismatch(inputs: count, outputs: outputs.count)
    }
    if let row = outputs.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(row: row) }
    let (mean, scale) = Self.normalization(of: outputs)
    let normalized = outputs.map { ($0 - mean) / scale }
    return GaussianProcess(self, outputs: normalized, outputMean: mean, outputScale: scale)
  }

  /// Returns the process conditioned on extra points, keeping the hyperparameters, the input
  /// standardisation and the output normalisation.
  ///
  /// Kriging believer batches use this: an extra point observed at its posterior mean leaves
  /// the mean unchanged everywhere and shrinks the variance around it.
  ///
  /// - Parameters:
  ///   - points: Rows of raw features.
  ///   - outputs: One output per row, in raw output units.
  /// - Throws: `GaussianProcessError` for malformed rows or a failed factorization.
  /// - Complexity: O((n + q)³ + (n + q)² d) for q extra points.
  public func conditioned(on points: [[Double]], outputs: [Double]) throws(GaussianProcessError)
    -> GaussianProcess
  {
    guard !points.isEmpty else { return self }
    guard outputs.count == points.count else {
      throw .outputCountMismatch(inputs: points.count, outputs: outputs.count)
    }
    try Self.check(points, outputs: outputs, dimension: dimension)
    let data = GaussianProcessData(
      count: count + points.count, dimension: dimension,
      inputs: self.data.inputs + inputStandardization.apply(points),
      outputs: self.data.outputs + outputs.map { ($0 - outputMean) / outputScale })
    return try GaussianProcess(
      data: data, inputStandardization: inputStandardization, outputMean: outputMean,
      outputScale: outputScale, hyperparameters: hyperparameters)
  }

  /// Computes the posterior mean and latent variance at a batch of points.
  ///
  /// The cross-covariance block K* (n × m) is built in chunks of at most 1,024 points. The
  /// mean is K*ᵀα (one GEMM). The variance is σ_f² − diag(K*ᵀ K⁻¹ K*), where K⁻¹ K* comes
  /// from LAPACK's triangular solves (`dpotrs`), and round-off below zero is clamped to 0.
  ///
  /// - Parameter points: Rows of raw features, `dimension` values each.
  /// - Returns: Mean and variance in raw output units.
  /// - Complexity: O(n² m + n m d) time, O(n × 1,024) extra memory.
  public func predict(_ points: [[Double]]) -> GaussianProcessPrediction {
    let kernel = MaternKernel(hyperparameters)
    let trainingRows = kernel.scaled(data.inputs, count: count)
    let weightColumn = Matrix(rows: count, columns: 1, elements: weights)
    var mean: [Double] = []
    var variance: [Double] = []
    mean.reserveCapacity(points.count)
    variance.reserveCapacity(points.count)

    let chunkSize = 1_024
    var start = 0
    while start < points.count {
      let chunk = Array(points[start..<min(points.count, start + chunkSize)])
      let testCount = chunk.count
      let testRows = kernel.scaled(inputStandardization.apply(chunk), count: testCount)
      let cross = kernel.crossCovariance(
        trainingRows, trainingCount: count, testRows, testCount: testCount)

      let chunkMean = cross.multiplied(by: weightColumn, transposeSelf: true).elements
      let solved = factor.solve(cross)
      let explained = Self.columnDots(cross, solved)

      let scaleSquared = outputScale * outputScale
      for j in 0..<testCount {
        mean.append(outputMean + outputScale * chunkMean[j])
        variance.append(scaleSquared * max(0, kernel.signalVariance - explained[j]))
      }
      start += testCount
    }
    return GaussianProcessPrediction(mean: mean, variance: variance)
  }

  /// Returns the dot product of each column of `a` with the same column of `b`.
  private static func columnDots(_ a: Matrix, _ b: Matrix) -> [Double] {
    let rows = a.rows
    let columns = a.columns
    var result = [Double](repeating: 0, count: columns)
    a.elements.withUnsafeBufferPointer { left in
      b.elements.withUnsafeBufferPointer { right in
        result.withUnsafeMutableBufferPointer { sums in
          for i in 0..<rows {
            for j in 0..<columns {
              sums[j] += left[i * columns + j] * right[i * columns + j]
            }
          }
        }
      }
    }
    return result
  }
}
