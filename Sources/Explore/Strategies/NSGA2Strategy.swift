/// NSGA-II (Deb et al., 2002) with constraint domination, uniform crossover and
/// ordinal-aware mutation over the encoded design space.
///
/// Each generation breeds `population` offspring by binary tournaments on rank and crowding
/// distance, then keeps the best `population` of parents and offspring. Offspring that repeat
/// an evaluated configuration are mutated again, so no budget is spent twice on one point.
public struct NSGA2Strategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = [
    OptionSpec("population", .integer(4...10_000), default: "40", help: "individuals per generation"),
    OptionSpec(
      "crossover_probability", .real(0...1), default: "0.9",
      help: "probability that two parents are recombined (uniform crossover)"),
    OptionSpec(
      "mutation_rate", .real(0...1), default: "0",
      help: "per-variable mutation probability; 0 means 1 / number of variables"),
  ]

  public let name = "nsga2"
  private let space: any EncodedSpace
  private let directions: [Direction]
  private let populationSize: Int
  private let crossoverProbability: Double
  private let mutationRate: Double
  private var generator: Xoshiro256
  private var population: [RankedPoint] = []
  private var pending: [[Int]] = []
  private var offspring: [RankedPoint] = []
  private var expected = 0
  private var seen = Set<UInt64>()
  private let keyer: ConfigurationKeyer
  public private(set) var isFinished = false

  public init(context: StrategyContext) {
    self.space = context.space
    self.keyer = ConfigurationKeyer(space: context.space)
    self.directions = context.directions
    self.populationSize = context.options.integer("population")
    self.crossoverProbability = context.options.real("crossover_probability")
    let rate = context.options.real("mutation_rate")
    self.mutationRate = rate > 0 ? rate : 1 / Double(max(1, context.space.variableCount))
    self.generator = Xoshiro256(seed: context.seed)
  }

  public mutating func ask(count: Int) -> [[Int]] {
    if pending.isEmpty, expected == 0 { breed() }
    let batch = Array(pending.prefix(count))
    pending.removeFirst(batch.count)
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {
    for observation in observations {
      offspring.append(
        RankedPoint(
          configuration: observation.configuration,
          minimized: Dominance.minimizationForm(observation.objectives, directions),
          feasible: observation.feasible, violation: observation.violation))
    }
    expected -= observations.count
    if expected <= 0, pending.isEmpty {
      expected = 0
      select()
    }
  }

  private mutating func breed() {
    var children: [[Int]] = []
    var attempts = 0
    while children.count < populationSize, attempts < populationSize * 50 {
      attempts += 1
      let child: [Int]?
      if population.count < 2 {
        child = space.randomConfiguration(using: &generator)
      } else {
        child = makeChild()
      }
      guard let child, seen.insert(keyer.key(child)).inserted else { continue }
      children.append(child)
    }
    if children.isEmpty { isFinished = true }
    pending = children
    expected = children.count
  }

  private mutating func makeChild() -> [Int]? {
    let first = tournament()
    let second = tournament()
    var child = population[first].configuration
    if Double.random(in: 0..<1, using: &generator) < crossoverProbability {
      for variable in child.indices where Bool.random(using: &generator) {
        child[variable] = population[second].configuration[variable]
      }
    }
    for variable in child.indices
    where Double.random(in: 0..<1, using: &generator) < mutationRate {
      let count = space.valueCount(of: variable)
      if Bool.random(using: &generator) {
        let step = Bool.random(using: &generator) ? 1 : -1
        child[variable] = min(count - 1, max(0, child[variable] + step))
      } else {
        child[variable] = Int.random(in: 0..<count, using: &generator)
      }
    }
    child = space.canonical(child)
    if space.isValid(child), !seen.contains(keyer.key(child)) { return child }
    return space.neighbour(of: child, using: &generator).flatMap {
      space.isValid($0) ? $0 : nil
    }
  }

  private var ranks: [Int] = []
  private var crowdingDistances: [Double] = []

  private mutating func tournament() -> Int {
    let first = Int.random(in: 0..<population.count, using: &generator)
    let second = Int.random(in: 0..<population.count, using: &generator)
    if ranks[first] != ranks[second] { return ranks[first] < ranks[second] ? first : second }
    return crowdingDistances[first] >= crowdingDistances[second] ? first : second
  }

  private mutating func select() {
    let combined = population + offspring
    offspring = []
    let fronts = ConstrainedRanking.fronts(combined)
    var survivors: [RankedPoint] = []
    var survivorRanks: [Int] = []
    var survivorCrowding: [Double] = []
    for (rank, front) in fronts.enumerated() {
      let crowding = ConstrainedRanking.crowding(front, combined)
      var members = front
      if survivors.count + front.count > populationSize {
        members.sort { (crowding[$0]!, -$0) > (crowding[$1]!, -$1) }
        members = Array(members.prefix(populationSize - survivors.count))
      }
      for member in members {
        survivors.append(combined[member])
        survivorRanks.append(rank)
        survivorCrowding.append(crowding[member]!)
      }
      if survivors.count >= populationSize { break }
    }
    population = survivors
    ranks = survivorRanks
    crowdingDistances = survivorCrowding
  }
}
