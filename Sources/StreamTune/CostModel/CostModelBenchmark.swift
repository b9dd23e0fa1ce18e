import Dispatch

/// Throughput of the cost model, for the `bench` command.
public enum CostModelBenchmark {
  /// Evaluates `points` round-robin on one thread for at least `minimumSeconds` and returns
  /// evaluations per second.
  ///
  /// The first pass over the points is not timed, so solver caches are warm as they are in a
  /// long search that revisits regions.
  ///
  /// - Parameters:
  ///   - model: the cost model.
  ///   - points: design points to cycle through; must not be empty.
  ///   - minimumSeconds: wall-clock time to measure for.
  /// - Returns: evaluations per second (wall clock, one thread).
  public static func evaluationsPerSecond(
    model: CostModel, points: [DesignPoint], minimumSeconds: Double = 1
  ) -> Double {
    precondition(!points.isEmpty, "the benchmark needs at least one design point")
    var sink = 0.0
    for point in points { sink += model.evaluate(point).latencyMs }

    let start = DispatchTime.now().uptimeNanoseconds
    var count = 0
    var elapsed = 0.0
    repeat {
      sink += model.evaluate(points[count % points.count]).latencyMs
      count += 1
      elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    } while elapsed < minimumSeconds
    withExtendedLifetime(sink) {}
    return Double(count) / elapsed
  }
}
