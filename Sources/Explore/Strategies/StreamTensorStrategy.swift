/// StreamTensor's own flow with its two knobs searched: every pair of default tile size and
/// lane budget of a `StreamTensorKnobSpace`, in a stable order (tiles outer, budgets inner).
///
/// StreamTensor tunes these two knobs with an external optimiser; the full grid of two small
/// knob lists costs a few dozen evaluations and finds every point such an optimiser could.
/// Shard i of n takes the grid positions congruent to i modulo n.
public struct StreamTensorStrategy: SearchStrategy {
  /// The knob values are properties of the space (`StreamTensorKnobSpace`), so the strategy
  /// itself has no options.
  public static let optionSpecs: [OptionSpec] = []

  public let name = "streamtensor"
  private let space: StreamTensorKnobSpace
  private var position = 0
  private let shardIndex: Int
  private let shardCount: Int
  public private(set) var isFinished = false

  /// Creates the enumeration of a knob grid.
  ///
  /// - Throws: `StrategyError.cannotStart` when the context's space is not a
  ///   `StreamTensorKnobSpace`.
  public init(
    context: StrategyContext, shardIndex: Int = 0, shardCount: Int = 1
  ) throws(StrategyError) {
    guard let space = context.space as? StreamTensorKnobSpace else {
      throw .cannotStart(
        "the streamtensor strategy searches the preset's knobs (default tile and lane budget), "
          + "not the variables of a search space; run it on a StreamTensorKnobSpace")
    }
    self.space = space
    self.shardIndex = shardIndex
    self.shardCount = shardCount
  }

  /// Every configuration of the grid in enumeration order.
  public static func grid(of space: StreamTensorKnobSpace) -> [[Int]] {
    space.tiles.indices.flatMap { tile in space.unrollBudgets.indices.map { [tile, $0] } }
  }

  public mutating func ask(count: Int) -> [[Int]] {
    let total = space.tiles.count * space.unrollBudgets.count
    var batch: [[Int]] = []
    while batch.count < count, position < total {
      if position % shardCount == shardIndex {
        batch.append([position / space.unrollBudgets.count, position % space.unrollBudgets.count])
      }
      position += 1
    }
    if position >= total { isFinished = true }
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {}
}
