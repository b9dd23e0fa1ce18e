import Explore
import Foundation
import StreamTune

/// Runs the sections of `streamtune bench` and collects their tables.
///
/// `search_quality` runs every strategy on the large space for its hypervolume checkpoints;
/// `versus_streamtensor` runs them again on the same space with its own, larger budget.
public final class BenchRunner: @unchecked Sendable {
  public let settings: BenchSettings
  /// The `streamtune` executable the `memory` section starts; `nil` skips that measurement
  /// with an error.
  public let executable: String?
  private var largeRuns: [BenchRun]?

  public init(settings: BenchSettings, executable: String?) {
    self.settings = settings
    self.executable = executable
  }

  /// The strategies the sections run: the settings' list, or every registered strategy.
  public var strategies: [String] { settings.strategies ?? StrategyRegistry.names }

  /// Runs one section.
  ///
  /// - Returns: The section's tables, extra files and summary lines, with its wall-clock time.
  /// - Throws: `BenchError` when a search space cannot be loaded, a benchmark program fails to
  ///   solve, or the memory sweep fails.
  public func run(_ section: BenchSection) throws(BenchError) -> BenchSectionResult {
    let start = DispatchTime.now().uptimeNanoseconds
    var result: BenchSectionResult
    switch section {
    case .costModel:
      result = try CostModelBench.run(settings)
    case .gaussianProcess:
      result = GaussianProcessBench.run(settings)
    case .solvers:
      result = try SolverBench.run(settings)
    case .searchQuality:
      result = try SearchQualityBench.run(settings, strategies: strategies) {
        () throws(BenchError) in try largeSpaceRuns()
      }
    case .versusStreamTensor:
      result = VersusStreamTensorBench.run(settings, runs: try versusRuns())
    case .memory:
      result = try MemoryBench.run(settings, executable: executable)
    }
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return result
  }

  /// Runs every strategy and seed on the large space once, with the `search_quality` budget,
  /// and keeps the runs.
  private func largeSpaceRuns() throws(BenchError) -> [BenchRun] {
    if let largeRuns { return largeRuns }
    let runs = try runLargeSpace(
      budget: settings.largeCheckpoints.max() ?? 0, timeLimit: settings.runTimeLimitSeconds)
    largeRuns = runs
    return runs
  }

  /// Runs every strategy and seed on the large space with the `versus_streamtensor` budget
  /// and time limit.
  private func versusRuns() throws(BenchError) -> [BenchRun] {
    try runLargeSpace(budget: settings.versusBudget, timeLimit: settings.versusTimeLimitSeconds)
  }

  /// Runs every strategy and seed on the large space, tracking the comparison's request.
  private func runLargeSpace(budget: Int, timeLimit: Double) throws(BenchError) -> [BenchRun] {
    let space = try CostModelBench.load(settings.spacePath(settings.largeSpace))
    let search = BenchSearch(space: space, trackedRequest: VersusStreamTensorBench.request)
    return search.runAll(
      strategies: strategies, seeds: settings.seeds, budget: budget, timeLimit: timeLimit,
      workers: ProcessInfo.processInfo.activeProcessorCount)
  }
}
