import Foundation
import Numerics

extension GaussianProcess {
  /// Fits the hyperparameters by maximising the log marginal likelihood, then conditions the
  /// process on the data.
  ///
  /// Each start runs NLopt's L-BFGS on the negative log likelihood over the log
  /// hyperparameters, inside the bounds of `options`, with the analytic gradient. The first
  /// start is `options.initial` (or the defaults); the others draw length scales
  /// log-uniformly from [0.2, 5] × √d, the signal variance from [0.3, 3] and the noise
  /// variance from [10⁻⁶, 10⁻²], each clamped into its bounds. The start with the highest
  /// likelihood wins, so a seeded generator makes the fit deterministic.
  ///
  /// - Parameters:
  ///   - inputs: At least one row of raw features, all of the same length.
  ///   - outputs: One finite output per row.
  ///   - options: Starts, budget and bounds.
  ///   - generator: The source of the random starts.
  /// - Returns: The process with the best hyperparameters found.
  /// - Throws: `GaussianProcessError` for malformed data, or `.fitFailed` when no start
  ///   produced a finite likelihood.
  /// - Complexity: O(starts × maxEvaluations × (n³ + n² d)).
  public static func fit(
    inputs: [[Double]], outputs: [Double], options: GaussianProcessFitOptions = .init(),
    using generator: inout some RandomNumberGenerator
  ) throws(GaussianProcessError) -> GaussianProcess {
    let prepared = try prepare(inputs: inputs, outputs: outputs)
    let best = try fitHyperparameters(prepared.data, options: options, using: &generator)
    return try GaussianProcess(
      data: prepared.data, inputStandardization: prepared.standardization,
      outputMean: prepared.outputMean, outputScale: prepared.outputScale, hyperparameters: best)
  }

  /// Runs the multi-start likelihood maximisation on standardised data.
  static func fitHyperparameters(
    _ data: GaussianProcessData, options: GaussianProcessFitOptions,
    using generator: inout some RandomNumberGenerator
  ) throws(GaussianProcessError) -> GaussianProcessHyperparameters {
    let bounds = logBounds(dimension: data.dimension, options: options)
    var starts = [
      clamp(
        (options.initial ?? .defaults(dimension: data.dimension)).logParameters, bounds)
    ]
    for _ in 1..<max(1, options.starts) {
      starts.append(clamp(randomStart(dimension: data.dimension, using: &generator), bounds))
    }

    var best: (parameters: [Double], value: Double)?
    var lastFailure = "no start was run"
    for start in starts {
      do {
        let result = try LBFGS.minimize(
          start: start, lowerBounds: bounds.lower, upperBounds: bounds.upper,
          maxEvaluations: options.maxEvaluations, relativeTolerance: options.relativeTolerance
        ) { point, gradient in
          negativeLogLikelihood(data, at: point, gradient: &gradient)
        }
        // A start that only met the failure penalty has no finite likelihood anywhere.
        if result.value < failurePenalty, result.value < best?.value ?? .infinity {
          best = (result.point, result.value)
        }
      } catch {
        lastFailure = error.description
      }
    }

    guard let best else { throw .fitFailed(lastFailure) }
    return GaussianProcessHyperparameters(logParameters: best.parameters)
  }

  /// The value that stands in for the likelihood where the kernel matrix cannot be factored;
  /// L-BFGS backs off from it as from any steep rise.
  static let failurePenalty = 1e100

  private static func negativeLogLikelihood(
    _ data: GaussianProcessData, at point: [Double], gradient: inout [Double]
  ) -> Double {
    let hyperparameters = GaussianProcessHyperparameters(logParameters: point)
    guard let evaluation = try? data.evaluate(hyperparameters, withGradient: true),
      let likelihoodGradient = evaluation.gradient
    else {
      for index in gradient.indices { gradient[index] = 0 }
      return failurePenalty
    }
    for index in gradient.indices {
      gradient[index] = -likelihoodGradient[index]
    }
    return -evaluation.logLikelihood
  }

  private static func logBounds(dimension: Int, options: GaussianProcessFitOptions) -> (
    lower: [Double], upper: [Double]
  ) {
    let lower =
      [Double](repeating: log(options.lengthScaleBounds.lowerBound), count: dimension)
      + [log(options.signalVarianceBounds.lowerBound), log(options.noiseVarianceBounds.lowerBound)]
    let upper =
      [Double](repeating: log(options.lengthScaleBounds.upperBound), count: dimension)
      + [log(options.signalVarianceBounds.upperBound), log(options.noiseVarianceBounds.upperBound)]
    return (lower, upper)
  }

  private static func randomStart(
    dimension: Int, using generator: inout some RandomNumberGenerator
  ) -> [Double] {
    let typical = log(Double(max(1, dimension)).squareRoot())
    var point: [Double] = []
    for _ in 0..<dimension {
      point.append(typical + Double.random(in: log(0.2)...log(5), using: &generator))
    }
    point.append(Double.random(in: log(0.3)...log(3), using: &generator))
    point.append(Double.random(in: log(1e-6)...log(1e-2), using: &generator))
    return point
  }

  private static func clamp(_ point: [Double], _ bounds: (lower: [Double], upper: [Double]))
    -> [Double]
  {
    var result = point
    for index in result.indices {
      // A zero noise variance has log −∞; clamping moves it onto the lower bound.
      result[index] = min(bounds.upper[index], max(bounds.lower[index], result[index]))
    }
    return result
  }
}

extension GaussianProcess {
  /// Evaluates the log marginal likelihood of data under given hyperparameters, and its
  /// analytic gradient with respect to `hyperparameters.logParameters`.
  ///
  /// The data are standardised exactly as `init(inputs:outputs:hyperparameters:)` does, so
  /// the value equals that process's `logMarginalLikelihood`.
  ///
  /// - Parameters:
  ///   - inputs: At least one row of raw features, all of the same length.
  ///   - outputs: One finite output per row.
  ///   - hyperparameters: Hyperparameters in standardised units; the noise variance must be
  ///     positive for its log-gradient to be meaningful.
  /// - Returns: The log likelihood of the normalised outputs and its gradient.
  /// - Throws: `GaussianProcessError` for malformed data or a failed factorization.
  /// - Complexity: O(n³ + n² d).
  public static func logMarginalLikelihood(
    inputs: [[Double]], outputs: [Double], hyperparameters: GaussianProcessHyperparameters
  ) throws(GaussianProcessError) -> (value: Double, gradient: [Double]) {
    let prepared = try prepare(inputs: inputs, outputs: outputs)
    try hyperparameters.validate(dimension: prepared.data.dimension)
    let evaluation = try prepared.data.evaluate(hyperparameters, withGradient: true)
    return (evaluation.logLikelihood, evaluation.gradient ?? [])
  }
}
