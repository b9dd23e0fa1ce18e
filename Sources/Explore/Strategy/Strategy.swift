/// The outcome of evaluating one configuration, as a strategy learns it.
public struct Observation: Sendable, Hashable {
  public var configuration: [Int]
  /// Objective values in each objective's own direction (the archive's directions).
  public var objectives: [Double]
  public var feasible: Bool
  /// How far an infeasible point is from feasibility: the sum of relative excesses over every
  /// cap (0 when feasible). Constraint-domination ranks infeasible points by it.
  public var violation: Double

  public init(configuration: [Int], objectives: [Double], feasible: Bool, violation: Double) {
    self.configuration = configuration
    self.objectives = objectives
    self.feasible = feasible
    self.violation = violation
  }
}

/// A search strategy in ask/tell form.
///
/// `ask` proposes a batch of configurations and `tell` returns their observations in the same
/// order. A strategy holds all of its state, including its seeded generator, so the same seed
/// and the same batch schedule give the same proposals. To resume a run, create the strategy
/// again with the same seed and replay the journal: call `ask` with the batch sizes used
/// before and `tell` the recorded observations.
public protocol SearchStrategy: Sendable {
  /// The strategy's name as selected on the command line.
  var name: String { get }

  /// Proposes up to `count` configurations to evaluate next.
  ///
  /// - Returns: Canonical valid configurations. Fewer than `count` (possibly none) means the
  ///   strategy has nothing more to propose right now; an empty batch after every earlier
  ///   batch was told means it is finished.
  mutating func ask(count: Int) -> [[Int]]

  /// Learns the observations of the last batch from `ask`, in the same order.
  mutating func tell(_ observations: [Observation])

  /// Whether the strategy has exhausted what it can propose.
  var isFinished: Bool { get }
}
