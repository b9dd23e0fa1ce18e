import Explore
import Foundation

/// The `gaussian_process` section: fit and prediction times of the `bayes` strategy's model.
enum GaussianProcessBench {
  static func run(_ settings: BenchSettings) -> BenchSectionResult {
    let d = settings.gaussianProcessDimension
    var rows: [[String]] = []
    var summary: [String] = []
    var previousFit: Double?
    for n in settings.gaussianProcessSizes {
      let repeats = repeatCount(n: n, settings: settings)
      let timing = GaussianProcessBenchmark.measure(n: n, d: d, repeats: repeats)
      let growth = previousFit.map { timing.fitSeconds / $0 }
      previousFit = timing.fitSeconds
      rows.append([
        String(n), String(d), String(repeats),
        BenchStatistics.format(timing.fitSeconds * 1000),
        BenchStatistics.format(timing.predictSeconds * 1000),
        growth.map { BenchStatistics.format($0, digits: 3) } ?? "",
      ])
      summary.append(
        "gaussian_process n=\(n) d=\(d): fit \(BenchStatistics.format(timing.fitSeconds)) s, "
          + "predict \(BenchStatistics.format(timing.predictSeconds)) s at "
          + "\(GaussianProcessBenchmark.predictionCount) points")
    }
    let options = GaussianProcessBenchmark.fitOptions
    let table = BenchTable(
      name: "gaussian_process", title: "Gaussian-process fit and prediction",
      table: CSVTable(
        header: [
          "n", "d", "repeats", "fit_ms", "predict_ms", "fit_over_previous_n",
        ], rows: rows),
      notes: [
        "Median wall-clock time on one thread (OpenBLAS with one thread) of a Matérn 5/2 fit with automatic relevance determination: \(options.starts) L-BFGS starts of at most \(options.maxEvaluations) likelihood evaluations each, plus the final Cholesky factorisation.",
        "predict_ms: posterior mean and variance at \(GaussianProcessBenchmark.predictionCount) points. Data: seeded uniform inputs in [0, 1]^d with a smooth output plus 1 % noise.",
        "fit_over_previous_n: the fit time over that of the row above (a doubling of n costs up to 8 times in the Cholesky factorisation).",
      ])
    return BenchSectionResult(section: .gaussianProcess, tables: [table], summary: summary)
  }

  /// Repeats at size n: the settings' count below 1,000 points and one run from there on,
  /// because a fit at n = 1,000 already takes tens of seconds on one core.
  static func repeatCount(n: Int, settings: BenchSettings) -> Int {
    n >= 1000 ? 1 : settings.repeats
  }
}
