import Explore

/// The outcome of evaluating one configuration, as the journal records it.
public struct SweepResult: Sendable, Hashable {
  /// One value per `SweepProblem.metricColumns` entry.
  public var metrics: [Double]
  public var feasible: Bool
  /// Sum of relative excesses over every cap; 0 when feasible.
  public var violation: Double
  /// The reasons the point is infeasible, separated by "; " (empty when feasible).
  public var reason: String

  public init(metrics: [Double], feasible: Bool, violation: Double, reason: String) {
    self.metrics = metrics
    self.feasible = feasible
    self.violation = violation
    self.reason = reason
  }
}

/// The subject of a sweep: an encoded space, its metrics and objectives, and an evaluator.
public protocol SweepProblem: Sendable {
  var space: any EncodedSpace { get }
  /// Metric column names, each with its unit (`latency_ms`, `dsp`, ...).
  var metricColumns: [String] { get }
  /// Indices into `metricColumns` of the objectives, in order.
  var objectiveIndices: [Int] { get }
  /// One direction per objective.
  var directions: [Direction] { get }
  /// A hash of the search-space file, recorded in `run.json`.
  var spaceHash: String { get }
  /// The search-space file path, recorded in `run.json` and the resume command.
  var spacePath: String { get }

  /// Evaluates one configuration; must be deterministic and safe to call concurrently.
  func evaluate(_ configuration: [Int]) -> SweepResult

  /// The allocation oracle the `ilp` strategy needs; `nil` when the problem has none.
  var allocationOracle: (any AllocationOracle)? { get }

  /// The options passed to the strategy, after the problem took the ones it reads itself.
  func strategyOptions(_ options: [String: String]) -> [String: String]
}

extension SweepProblem {
  /// The allocation oracle the `ilp` strategy needs; `nil` when the problem has none.
  public var allocationOracle: (any AllocationOracle)? { nil }

  /// The options passed to the strategy, after the problem took the ones it reads itself.
  public func strategyOptions(_ options: [String: String]) -> [String: String] { options }

  /// The objective values of a result, in objective order.
  public func objectives(of result: SweepResult) -> [Double] {
    objectiveIndices.map { result.metrics[$0] }
  }

  /// Objective column names, in objective order.
  public var objectiveColumns: [String] { objectiveIndices.map { metricColumns[$0] } }
}
