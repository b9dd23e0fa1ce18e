import Foundation

/// Sizes, repeats and budgets of a benchmark run.
///
/// `standard(quick:searchSpacesFolder:)` gives the two presets of `streamtune bench`; tests
/// shrink the fields further.
public struct BenchSettings: Sendable {
  /// Whether this is the short `--quick` run, recorded in the report.
  public var quick: Bool
  /// The folder of the shipped search spaces (`SearchSpaces`).
  public var searchSpacesFolder: String
  /// Timed repeats of each measurement; reports give the median.
  public var repeats: Int

  /// Random designs drawn per space for the cost-model throughput.
  public var costModelDesigns: Int
  /// Minimum wall-clock seconds of each warm-cache throughput measurement.
  public var costModelSeconds: Double
  /// Hidden sizes of the synthetic GPT-2-like variants.
  public var variantHiddenSizes: [Int]
  /// Prompt plus generated tokens of the variants' single request, split evenly.
  public var variantContextLengths: [Int]

  /// Training-set sizes of the Gaussian-process timings.
  public var gaussianProcessSizes: [Int]
  /// Feature count of the Gaussian-process timings.
  public var gaussianProcessDimension: Int

  /// Kernels and options per kernel of the allocation MILP.
  public var allocationKernels: Int
  public var allocationOptions: Int

  /// Seeds of every strategy run in `search_quality`.
  public var seeds: [UInt64]
  /// Evaluation counts at which the hypervolume of the small space is recorded.
  public var smallCheckpoints: [Int]
  /// Evaluation counts at which the hypervolume of the large space is recorded.
  public var largeCheckpoints: [Int]
  /// Wall-clock seconds after which a strategy run stops (at the end of a batch).
  public var runTimeLimitSeconds: Double
  /// Strategy names to run; `nil` for every strategy the registry has.
  public var strategies: [String]?
  /// The small space, enumerated exhaustively for its true front (file name in the folder).
  public var smallSpace: String
  /// The large space, also used by `versus_streamtensor` (file name in the folder).
  public var largeSpace: String
  /// Evaluations of each `versus_streamtensor` run: the large space's own sweep budget in the
  /// full run, since the comparison is about what a strategy finds in a real sweep.
  public var versusBudget: Int
  /// Wall-clock seconds after which a `versus_streamtensor` run stops (at the end of a batch).
  public var versusTimeLimitSeconds: Double

  /// Evaluations of the long sweep in `memory`.
  public var memoryEvaluations: Int
  /// Wall-clock limit of that sweep, in seconds.
  public var memoryTimeLimitSeconds: Double

  /// Returns the preset of `streamtune bench`, or of `streamtune bench --quick`.
  public static func standard(quick: Bool, searchSpacesFolder: String) -> BenchSettings {
    BenchSettings(
      quick: quick, searchSpacesFolder: searchSpacesFolder, repeats: 3,
      costModelDesigns: quick ? 64 : 256, costModelSeconds: quick ? 0.1 : 0.4,
      variantHiddenSizes: [512, 1024, 2048],
      variantContextLengths: quick ? [64, 1024] : [64, 256, 1024],
      gaussianProcessSizes: quick ? [250, 500, 1000] : [250, 500, 1000, 2000],
      gaussianProcessDimension: 20, allocationKernels: 12, allocationOptions: 8,
      seeds: quick ? [1, 2] : [1, 2, 3, 4, 5],
      smallCheckpoints: quick ? [25, 50, 100] : [50, 100, 200, 500],
      largeCheckpoints: quick ? [25, 50] : [50, 100, 200],
      runTimeLimitSeconds: quick ? 10 : 40, strategies: nil, smallSpace: "tiny-block.json",
      largeSpace: "gpt2-medium-u55c.json", versusBudget: quick ? 100 : 2000,
      versusTimeLimitSeconds: quick ? 10 : 45,
      memoryEvaluations: quick ? 20_000 : 1_000_000,
      memoryTimeLimitSeconds: quick ? 20 : 360)
  }

  /// Returns the path of a shipped search space.
  public func spacePath(_ file: String) -> String {
    (searchSpacesFolder as NSString).appendingPathComponent(file)
  }
}

/// Medians and timing, shared by the sections.
enum BenchStatistics {
  /// Returns the median, which is the mean of the two middle values for an even count and
  /// NaN for an empty list. NaN values are left out.
  static func median(_ values: [Double]) -> Double {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Wall-clock seconds of a closure.
  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// Formats a number with `digits` significant digits, for tables.
  /// Values of 1,000 and more are rounded to whole numbers instead.
  static func format(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if abs(value) >= 1000 { return String(Int64(value.rounded())) }
    return String(format: "%.\(digits)g", value)
  }
}
