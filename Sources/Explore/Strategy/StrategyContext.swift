/// What every strategy is built from.
public struct StrategyContext: Sendable {
  public var space: any EncodedSpace
  /// One direction per objective, in the order of `Observation.objectives`.
  public var directions: [Direction]
  public var seed: UInt64
  /// The evaluation budget of the run, which some strategies plan with (population sizes,
  /// annealing schedules); `nil` for a run bounded by time only.
  public var budget: Int?
  public var options: StrategyOptions
  /// The cost knowledge of resource-allocation strategies (`ilp`), or `nil` when the space is
  /// not a search space with a cost model.
  public var oracle: (any AllocationOracle)?

  public init(
    space: any EncodedSpace, directions: [Direction], seed: UInt64, budget: Int?,
    options: StrategyOptions, oracle: (any AllocationOracle)? = nil
  ) {
    self.space = space
    self.directions = directions
    self.seed = seed
    self.budget = budget
    self.options = options
    self.oracle = oracle
  }
}
