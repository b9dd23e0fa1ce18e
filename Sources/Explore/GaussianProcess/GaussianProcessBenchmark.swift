import Foundation

/// Timings of the Gaussian process at the sizes the Bayesian strategy meets, for the `bench`
/// command.
public enum GaussianProcessBenchmark {
  /// The settings the timings use: those of the `bayes` strategy's defaults.
  public static let fitOptions = GaussianProcessFitOptions(starts: 3, maxEvaluations: 80)

  /// The number of points predicted at, the default candidate pool of the `bayes` strategy.
  public static let predictionCount = 2_000

  /// Times a hyperparameter fit on n points and a prediction at 2,000 points.
  ///
  /// The data are seeded and synthetic: inputs uniform in [0, 1]^d and a smooth output
  /// (a sum of sines over the features, plus 1 % noise). Fit time covers `fitOptions`
  /// (3 L-BFGS starts of at most 80 likelihood evaluations each) and the final factorization;
  /// predict time covers the posterior mean and variance at `predictionCount` points.
  ///
  /// - Parameters:
  ///   - n: The number of training points, at least 2.
  ///   - d: The number of features, at least 1.
  ///   - repeats: The number of timed runs, at least 1; the median is returned.
  /// - Returns: The median wall-clock seconds of the fit and of the prediction.
  public static func measure(n: Int, d: Int, repeats: Int) -> (
    fitSeconds: Double, predictSeconds: Double
  ) {
    precondition(n >= 2 && d >= 1 && repeats >= 1, "need n ≥ 2, d ≥ 1 and repeats ≥ 1")
    var generator = Xoshiro256(seed: 0x6750_6265_6E63_6821)
    let inputs = randomRows(n, d, using: &generator)
    let outputs = inputs.map { row in
      row.enumerated().reduce(0.0) { $0 + sin(3 * $1.element + Double($1.offset)) }
        + 0.01 * Double.random(in: -1...1, using: &generator)
    }
    let points = randomRows(predictionCount, d, using: &generator)

    var fitTimes: [Double] = []
    var predictTimes: [Double] = []
    let clock = ContinuousClock()
    for run in 0..<repeats {
      var fitGenerator = Xoshiro256(seed: UInt64(run))
      var model: GaussianProcess?
      let fitDuration = clock.measure {
        model = try? GaussianProcess.fit(
          inputs: inputs, outputs: outputs, options: fitOptions, using: &fitGenerator)
      }
      fitTimes.append(seconds(fitDuration))

      guard let model else {
        predictTimes.append(.nan)
        continue
      }
      var checksum = 0.0
      let predictDuration = clock.measure {
        checksum = model.predict(points).variance.reduce(0, +)
      }
      precondition(checksum.isFinite, "prediction produced a non-finite variance")
      predictTimes.append(seconds(predictDuration))
    }
    return (median(fitTimes), median(predictTimes))
  }

  private static func randomRows(
    _ count: Int, _ dimension: Int, using generator: inout Xoshiro256
  ) -> [[Double]] {
    (0..<count).map { _ in (0..<dimension).map { _ in Double.random(in: 0...1, using: &generator) }
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
  }
}
