import Foundation

/// Multi-objective simulated annealing with parallel chains, an archive of non-dominated
/// points, and restarts from archive members.
///
/// A warm-up of uniform random designs comes first, and each chain starts from the best of
/// them under its own weights. Each chain minimises its own augmented Chebyshev scalarisation
/// of the normalised objectives (on a log scale, `ObjectiveScale.logarithmic`);
/// the chains' weight vectors are spread evenly over the simplex, so together they cover the
/// Pareto front. The temperature of a chain adapts: it starts at the median worsening seen in
/// the first moves, cools geometrically so that it falls by `cooling_span` over the budget, and
/// a chain that has not improved for `restart_after` steps restarts from a random archive member
/// with its temperature reset.
public struct AnnealStrategy: SearchStrategy {
  public static let optionSpecs: [OptionSpec] = [
    OptionSpec("chains", .integer(1...1024), default: "8", help: "parallel annealing chains"),
    OptionSpec(
      "initial_acceptance", .real(0.01...0.99), default: "0.5",
      help: "probability of accepting a median worsening move at the start"),
    OptionSpec(
      "cooling_span", .real(1...1e12), default: "1000",
      help: "factor by which the temperature falls over the whole budget"),
    OptionSpec(
      "restart_after", .integer(1...1_000_000), default: "60",
      help: "steps without improvement before a chain restarts from the archive"),
    OptionSpec(
      "max_moves", .integer(1...16), default: "2",
      help: "most variables one move changes (each move changes 1 to max_moves)"),
    OptionSpec(
      "warmup", .integer(0...1_000_000), default: "32",
      help:
        "uniform random designs evaluated first (at most a quarter of the budget); each chain starts from the best of them for its weights"
    ),
  ]

  private struct Chain: Sendable {
    var weights: [Double]
    var current: RankedPoint?
    var currentScore = Double.infinity
    var temperature = 0.0
    var stepsSinceImprovement = 0
    var bestScore = Double.infinity
  }

  public let name = "anneal"
  private let space: any EncodedSpace
  private let directions: [Direction]
  private var generator: Xoshiro256
  private var chains: [Chain]
  private var archive: ParetoArchive<[Int]>
  private var proposals: [(chain: Int, configuration: [Int])] = []
  private var seen = Set<UInt64>()
  private let keyer: ConfigurationKeyer
  private var lower: [Double]
  private var upper: [Double]
  private var worsenings: [Double] = []
  private var coolingFactor: Double
  private let initialAcceptance: Double
  private let restartAfter: Int
  private let maxMoves: Int
  /// Warm-up designs still to propose, and the chain index that marks a warm-up proposal.
  private var warmupLeft: Int
  private static let warmupChain = -1
  public private(set) var isFinished = false

  public init(context: StrategyContext) {
    self.space = context.space
    self.keyer = ConfigurationKeyer(space: context.space)
    self.directions = context.directions
    self.generator = Xoshiro256(seed: context.seed)
    let chainCount = context.options.integer("chains")
    let objectiveCount = context.directions.count
    self.chains = (0..<chainCount).map { index in
      Chain(weights: AnnealStrategy.spreadWeights(index, chainCount, objectiveCount))
    }
    self.archive = ParetoArchive(directions: context.directions)
    self.lower = [Double](repeating: .infinity, count: objectiveCount)
    self.upper = [Double](repeating: -.infinity, count: objectiveCount)
    let steps = Double(max(1, (context.budget ?? 10_000) / chainCount))
    self.coolingFactor = pow(1 / context.options.real("cooling_span"), 1 / steps)
    self.initialAcceptance = context.options.real("initial_acceptance")
    self.restartAfter = context.options.integer("restart_after")
    self.maxMoves = context.options.integer("max_moves")
    let warmup = context.options.integer("warmup")
    self.warmupLeft = context.budget.map { min(warmup, $0 / 4) } ?? warmup
  }

  /// Weight vector number `index` of `count`, evenly spread for two objectives and on a
  /// low-discrepancy sequence of the simplex for more.
  static func spreadWeights(_ index: Int, _ count: Int, _ objectives: Int) -> [Double] {
    guard objectives > 1 else { return [1] }
    if objectives == 2 {
      let share = count == 1 ? 0.5 : Double(index) / Double(count - 1)
      return [0.05 + 0.9 * share, 0.95 - 0.9 * share]
    }
    // Golden-ratio sequence mapped to the simplex through sorted uniform cuts.
    var cuts = (1..<objectives).map { dimension -> Double in
      let alpha = 1 / pow(1.324_717_957_244_746, Double(dimension))
      return (0.5 + alpha * Double(index + 1)).truncatingRemainder(dividingBy: 1)
    }
    cuts.sort()
    var weights: [Double] = []
    var previous = 0.0
    for cut in cuts + [1] {
      weights.append(max(0.02, cut - previous))
      previous = cut
    }
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
  }

  public mutating func ask(count: Int) -> [[Int]] {
    var batch: [[Int]] = []
    var attempts = 0
    while batch.count < count, attempts < count * 20 {
      attempts += 1
      var chainIndex = (proposals.count + attempts) % chains.count
      let candidate: [Int]?
      if warmupLeft > 0 {
        chainIndex = Self.warmupChain
        candidate = space.randomConfiguration(using: &generator)
      } else if let current = chains[chainIndex].current {
        let moves = Int.random(in: 1...maxMoves, using: &generator)
        candidate = space.neighbour(of: current.configuration, moves: moves, using: &generator)
      } else {
        candidate = space.randomConfiguration(using: &generator)
      }
      guard let candidate, seen.insert(keyer.key(candidate)).inserted else { continue }
      if chainIndex == Self.warmupChain { warmupLeft -= 1 }
      proposals.append((chainIndex, candidate))
      batch.append(candidate)
    }
    if batch.isEmpty { isFinished = true }
    return batch
  }

  public mutating func tell(_ observations: [Observation]) {
    for observation in observations {
      guard
        let position = proposals.firstIndex(where: { $0.configuration == observation.configuration }
        )
      else { continue }
      let chainIndex = proposals.remove(at: position).chain
      let point = RankedPoint(
        configuration: observation.configuration,
        minimized: Dominance.minimizationForm(observation.objectives, directions),
        feasible: observation.feasible, violation: observation.violation)
      if observation.feasible {
        archive.insert(observation.objectives, payload: observation.configuration)
        let scaled = ObjectiveScale.logarithmic(point.minimized)
        for index in lower.indices {
          lower[index] = min(lower[index], scaled[index])
          upper[index] = max(upper[index], scaled[index])
        }
      }
      if chainIndex == Self.warmupChain {
        adopt(point)
      } else {
        step(chainIndex, point)
      }
    }
  }

  /// Offers a warm-up design to every chain: a chain takes it when it scores better than the
  /// chain's current design under the chain's weights.
  private mutating func adopt(_ point: RankedPoint) {
    for index in chains.indices {
      let candidate = score(point, chains[index].weights)
      let current = chains[index].current.map { score($0, chains[index].weights) } ?? .infinity
      guard candidate < current else { continue }
      chains[index].current = point
      chains[index].bestScore = candidate
    }
  }

  private func score(_ point: RankedPoint, _ weights: [Double]) -> Double {
    guard point.feasible else { return 10 + point.violation }
    let scaled = ObjectiveScale.logarithmic(point.minimized)
    var worst = 0.0
    var sum = 0.0
    for index in weights.indices {
      let span = upper[index] - lower[index]
      let normalised = span > 0 ? (scaled[index] - lower[index]) / span : 0
      worst = max(worst, weights[index] * normalised)
      sum += weights[index] * normalised
    }
    return worst + 0.05 * sum
  }

  private mutating func step(_ chainIndex: Int, _ point: RankedPoint) {
    var chain = chains[chainIndex]
    let candidateScore = score(point, chain.weights)
    let currentScore = chain.current.map { score($0, chain.weights) } ?? .infinity
    let delta = candidateScore - currentScore
    if delta > 0, delta.isFinite, worsenings.count < 64 { worsenings.append(delta) }
    if chain.temperature == 0, worsenings.count >= 8 {
      let median = worsenings.sorted()[worsenings.count / 2]
      chain.temperature = -median / log(initialAcceptance)
    }
    let accept: Bool
    if delta <= 0 {
      accept = true
    } else if chain.temperature > 0 {
      accept = Double.random(in: 0..<1, using: &generator) < exp(-delta / chain.temperature)
    } else {
      accept = false
    }
    if accept { chain.current = point }
    if candidateScore < chain.bestScore - 1e-12 {
      chain.bestScore = candidateScore
      chain.stepsSinceImprovement = 0
    } else {
      chain.stepsSinceImprovement += 1
    }
    chain.temperature *= coolingFactor
    if chain.stepsSinceImprovement >= restartAfter, !archive.members.isEmpty {
      let member = archive.members.randomElement(using: &generator)!
      chain.current = RankedPoint(
        configuration: member.payload, minimized: member.minimized, feasible: true, violation: 0)
      chain.stepsSinceImprovement = 0
      chain.bestScore = score(chain.current!, chain.weights)
      if !worsenings.isEmpty {
        let median = worsenings.sorted()[worsenings.count / 2]
        chain.temperature = -median / log(initialAcceptance) * 0.5
      }
    }
    chains[chainIndex] = chain
  }
}
