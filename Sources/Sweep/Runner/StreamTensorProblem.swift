import Explore
import StreamTune

/// The StreamTensor flow's two knobs as a sweep problem: each configuration is a default tile
/// size and an overall unroll budget, evaluated as the preset design they produce.
public struct StreamTensorProblem: SweepProblem {
  public let evaluator: SpaceEvaluator
  public let knobs: StreamTensorKnobSpace
  public let metrics: [Metric]
  public let objectiveIndices: [Int]
  public let directions: [Direction]

  /// Creates the problem from a search space and the sweep's options.
  ///
  /// - Throws: The knob options (`tiles`, `unroll_budgets`) that are invalid.
  public init(space: SearchSpace, options: [String: String]) throws(StrategyOptionErrors) {
    evaluator = SpaceEvaluator(space: space)
    knobs = try StreamTensorKnobSpace(
      searchSpace: space, options: StreamTensorKnobSpace.splitOptions(options).knobs)
    metrics = Metric.allCases
    objectiveIndices = space.objectives.map { objective in
      Metric.allCases.firstIndex(of: objective.metric)!
    }
    directions = space.objectives.map { $0.direction == .maximize ? .maximize : .minimize }
  }

  public var space: any EncodedSpace { knobs }
  public var metricColumns: [String] { metrics.map(\.rawValue) }
  public var spaceHash: String { evaluator.space.contentHashHex }
  public var spacePath: String { evaluator.space.file }

  public func strategyOptions(_ options: [String: String]) -> [String: String] {
    StreamTensorKnobSpace.splitOptions(options).strategy
  }

  public func evaluate(_ configuration: [Int]) -> SweepResult {
    let evaluation = evaluator.evaluate(point: knobs.designPoint(for: configuration))
    return SweepResult(
      metrics: metrics.map { SpaceEvaluator.value(of: $0, in: evaluation.metrics) },
      feasible: evaluation.feasible, violation: evaluation.violation,
      reason: evaluation.reasons.joined(separator: "; "))
  }
}
