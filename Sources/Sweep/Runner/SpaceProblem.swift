import Explore
import StreamTune

/// A search space as a sweep problem: its design variables, every metric of the cost model as
/// a CSV column, and its objectives.
public struct SpaceProblem: SweepProblem {
  public let evaluator: SpaceEvaluator
  public let metrics: [Metric]
  public let objectiveIndices: [Int]
  public let directions: [Direction]
  public let allocationOracle: (any AllocationOracle)?

  /// Creates the problem of a search space.
  ///
  /// - Parameters:
  ///   - space: The search space.
  ///   - withOracle: Whether to build the allocation oracle that the `ilp` strategy needs
  ///     (it precomputes per-kernel option tables, so other strategies skip it).
  public init(space: SearchSpace, withOracle: Bool = false) {
    evaluator = SpaceEvaluator(space: space)
    allocationOracle =
      withOracle ? CostModelAllocationOracle(searchSpace: space, costModel: evaluator.model) : nil
    metrics = Metric.allCases
    objectiveIndices = space.objectives.map { objective in
      Metric.allCases.firstIndex(of: objective.metric)!
    }
    directions = space.objectives.map { $0.direction == .maximize ? .maximize : .minimize }
  }

  public var space: any EncodedSpace { evaluator.space.design }
  public var metricColumns: [String] { metrics.map(\.rawValue) }
  public var spaceHash: String { evaluator.space.contentHashHex }
  public var spacePath: String { evaluator.space.file }

  public func evaluate(_ configuration: [Int]) -> SweepResult {
    let evaluation = evaluator.evaluate(assignment: configuration)
    return SweepResult(
      metrics: metrics.map { SpaceEvaluator.value(of: $0, in: evaluation.metrics) },
      feasible: evaluation.feasible, violation: evaluation.violation,
      reason: evaluation.reasons.joined(separator: "; "))
  }
}
