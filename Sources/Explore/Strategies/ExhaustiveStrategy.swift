/// Enumeration of every valid configuration in a stable order (the last variable fastest).
///
/// Shards partition the enumeration: shard i of n takes the valid configurations whose
/// position in the order is congruent to i modulo n, so the shards' union is the whole space
/// and no two shards share a point.
public struct ExhaustiveStrategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = [
    OptionSpec(
      "size_limit", .real(1...1e15), default: "1e7",
      help: "largest raw grid (product of value counts) to enumerate without force=true"),
    OptionSpec(
      "force", .flag, default: "false", help: "enumerate even above size_limit"),
  ]

  public let name = "exhaustive"
  private let space: any EncodedSpace
  private var next: [Int]?
  private var validPosition = 0
  private let shardIndex: Int
  private let shardCount: Int
  public private(set) var isFinished = false

  /// Errors that stop an enumeration before it starts.
  public enum Error: Swift.Error, Equatable, CustomStringConvertible {
    case spaceTooLarge(rawSize: Double, limit: Double)

    public var description: String {
      switch self {
      case .spaceTooLarge(let rawSize, let limit):
        return
          "the space has \(rawSize) raw grid points, above size_limit \(limit); pass --option force=true or choose another strategy"
      }
    }
  }

  /// Creates an enumeration over the whole space or one shard of it.
  ///
  /// - Throws: `Error.spaceTooLarge` when the raw grid exceeds `size_limit` and `force` is off.
  public init(context: StrategyContext, shardIndex: Int = 0, shardCount: Int = 1) throws(Error) {
    precondition(shardCount >= 1 && (0..<shardCount).contains(shardIndex), "invalid shard")
    self.space = context.space
    self.shardIndex = shardIndex
    self.shardCount = shardCount
    let rawSize = (0..<space.variableCount).reduce(1.0) {
      $0 * Double(space.valueCount(of: $1))
    }
    let limit = context.options.real("size_limit")
    if rawSize > limit, !context.options.flag("force") {
      throw .spaceTooLarge(rawSize: rawSize, limit: limit)
    }
    self.next = [Int](repeating: 0, count: space.variableCount)
  }

  public mutating func ask(count: Int) -> [[Int]] {
    var batch: [[Int]] = []
    while batch.count < count, let current = next {
      advance()
      guard space.canonical(current) == current, space.isValid(current) else { continue }
      if validPosition % shardCount == shardIndex { batch.append(current) }
      validPosition += 1
    }
    if next == nil { isFinished = true }
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {}

  private mutating func advance() {
    guard var digits = next else { return }
    var variable = digits.count - 1
    while variable >= 0 {
      digits[variable] += 1
      if digits[variable] < space.valueCount(of: variable) {
        next = digits
        return
      }
      digits[variable] = 0
      variable -= 1
    }
    next = nil
  }
}
