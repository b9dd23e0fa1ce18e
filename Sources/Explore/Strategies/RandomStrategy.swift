/// Uniform random sampling of valid configurations without repeats: the baseline that every
/// other strategy must beat.
public struct RandomStrategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = []

  public let name = "random"
  private let space: any EncodedSpace
  private var generator: Xoshiro256
  private var seen = Set<UInt64>()
  private let keyer: ConfigurationKeyer
  public private(set) var isFinished = false

  public init(context: StrategyContext) {
    self.space = context.space
    self.keyer = ConfigurationKeyer(space: context.space)
    self.generator = Xoshiro256(seed: context.seed)
  }

  /// Proposes `count` unseen valid configurations.
  ///
  /// The strategy finishes when 1,000 consecutive draws find nothing new, which happens only
  /// when nearly the whole space has been seen.
  public mutating func ask(count: Int) -> [[Int]] {
    var batch: [[Int]] = []
    var misses = 0
    while batch.count < count, misses < 1_000 {
      guard let candidate = space.randomConfiguration(using: &generator) else {
        isFinished = true
        break
      }
      if seen.insert(keyer.key(candidate)).inserted {
        batch.append(candidate)
        misses = 0
      } else {
        misses += 1
      }
    }
    if batch.count < count { isFinished = true }
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {}
}
