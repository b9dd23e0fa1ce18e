import Foundation
import TestSupport
import Testing

@testable import Explore

/// Four ordinal variables of eight values with two smooth, conflicting objectives: a cost
/// to minimise and a throughput to maximise. Configurations with x0 + x1 > 12 are invalid,
/// and those with x2 = 7 and x3 = 7 are infeasible.
struct BayesTestSpace: EncodedSpace {
  let variableCount = 4
  let directions: [Direction] = [.minimize, .maximize]

  func valueCount(of variable: Int) -> Int { 8 }

  func isValid(_ configuration: [Int]) -> Bool { configuration[0] + configuration[1] <= 12 }

  func isActive(_ variable: Int, in configuration: [Int]) -> Bool { true }

  func features(of variable: Int, valueIndex: Int) -> [Double] { [Double(valueIndex) / 7] }

  func name(of variable: Int) -> String { "x\(variable)" }

  func valueText(of variable: Int, valueIndex: Int) -> String { "\(valueIndex)" }

  func evaluate(_ configuration: [Int]) -> Observation {
    let x = configuration.map { Double($0) / 7 }
    let cost =
      (x[0] - 0.2) * (x[0] - 0.2) + 2 * (x[1] - 0.3) * (x[1] - 0.3) + 0.5 * x[2] * x[3]
      + 0.3 * (x[3] - 0.1) * (x[3] - 0.1)
    let throughput =
      10 - (x[0] - 0.8) * (x[0] - 0.8) - (x[1] - 0.9) * (x[1] - 0.9)
      - 0.5 * (x[2] - 0.7) * (x[2] - 0.7) - 0.4 * sin(3 * x[3])
    let feasible = !(configuration[2] == 7 && configuration[3] == 7)
    return Observation(
      configuration: configuration, objectives: [cost, throughput], feasible: feasible,
      violation: feasible ? 0 : 0.3)
  }

  func allValidConfigurations() -> [[Int]] {
    var result: [[Int]] = []
    for a in 0..<8 {
      for b in 0..<8 {
        for c in 0..<8 {
          for d in 0..<8 where isValid([a, b, c, d]) {
            result.append([a, b, c, d])
          }
        }
      }
    }
    return result
  }
}

/// A space of nine configurations, small enough to exhaust.
struct TinyBayesSpace: EncodedSpace {
  let variableCount = 2

  func valueCount(of variable: Int) -> Int { 3 }

  func isValid(_ configuration: [Int]) -> Bool { true }

  func isActive(_ variable: Int, in configuration: [Int]) -> Bool { true }

  func features(of variable: Int, valueIndex: Int) -> [Double] { [Double(valueIndex)] }

  func name(of variable: Int) -> String { "v\(variable)" }

  func valueText(of variable: Int, valueIndex: Int) -> String { "\(valueIndex)" }
}

@Suite("Bayes strategy")
struct BayesStrategyTests {
  static let space = BayesTestSpace()

  /// The reference point in the objectives' own directions: the nadir of the true front
  /// moved out by a tenth of the front's extent. A reference this close to the front makes
  /// the hypervolume measure the front's shape rather than the dominated bulk of the space.
  static let reference: [Double] = {
    let feasible = space.allValidConfigurations().map(space.evaluate).filter(\.feasible)
    let minimized = feasible.map { Dominance.minimizationForm($0.objectives, space.directions) }
    let front = Dominance.nonDominatedIndices(minimized).map { minimized[$0] }
    let nadir = (0..<2).map { objective in front.map { $0[objective] }.max()! }
    let ideal = (0..<2).map { objective in front.map { $0[objective] }.min()! }
    let reference = (0..<2).map { nadir[$0] + 0.1 * (nadir[$0] - ideal[$0]) }
    return [reference[0], -reference[1]]
  }()

  static func hypervolume(_ observations: [Observation]) throws -> Double {
    var archive = ParetoArchive<Int>(directions: space.directions)
    for (index, observation) in observations.enumerated() where observation.feasible {
      archive.insert(observation.objectives, payload: index)
    }
    return try archive.hypervolume(reference: reference)
  }

  static func makeStrategy(seed: UInt64, budget: Int, options: [String: String] = [:]) throws
    -> BayesStrategy
  {
    let validated = try StrategyOptions(options, specs: BayesStrategy.optionSpecs)
    return BayesStrategy(
      context: StrategyContext(
        space: space, directions: space.directions, seed: seed, budget: budget,
        options: validated))
  }

  /// Runs the strategy in batches and returns every observation in proposal order.
  static func run(seed: UInt64, budget: Int, batch: Int = 5) throws -> [Observation] {
    var strategy = try makeStrategy(
      seed: seed, budget: budget, options: ["candidate_pool": "600"])
    var observations: [Observation] = []
    while observations.count < budget, !strategy.isFinished {
      let configurations = strategy.ask(count: min(batch, budget - observations.count))
      if configurations.isEmpty { break }
      let observed = configurations.map(space.evaluate)
      observations += observed
      strategy.tell(observed)
    }
    return observations
  }

  /// Uniform random sampling without repeats, the baseline at equal budget.
  static func randomRun(seed: UInt64, budget: Int) -> [Observation] {
    var generator = SeededGenerator(seed: seed)
    var seen = Set<[Int]>()
    var observations: [Observation] = []
    while observations.count < budget {
      guard let configuration = space.randomConfiguration(using: &generator) else { break }
      if seen.insert(configuration).inserted {
        observations.append(space.evaluate(configuration))
      }
    }
    return observations
  }

  static func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
  }

  @Test("reaches 90 % of the true hypervolume and beats random")
  func reachesTrueFront() throws {
    let truth = try Self.hypervolume(Self.space.allValidConfigurations().map(Self.space.evaluate))
    #expect(truth > 0)

    var bayesShares: [Double] = []
    var randomShares: [Double] = []
    for seed: UInt64 in [1, 2, 3] {
      let observations = try Self.run(seed: seed, budget: 150)
      #expect(observations.count == 150)
      #expect(Set(observations.map(\.configuration)).count == observations.count)
      bayesShares.append(try Self.hypervolume(observations) / truth)
      randomShares.append(try Self.hypervolume(Self.randomRun(seed: seed, budget: 150)) / truth)
    }
    #expect(Self.median(bayesShares) >= 0.9, "Bayes shares \(bayesShares)")
    #expect(
      Self.median(bayesShares) > Self.median(randomShares),
      "Bayes shares \(bayesShares), random shares \(randomShares)")
  }

  @Test("same seed gives identical proposals")
  func deterministic() throws {
    let first = try Self.run(seed: 9, budget: 40, batch: 3).map(\.configuration)
    let second = try Self.run(seed: 9, budget: 40, batch: 3).map(\.configuration)
    let other = try Self.run(seed: 10, budget: 40, batch: 3).map(\.configuration)
    #expect(first == second)
    #expect(first != other)
  }

  @Test("replayed journal rebuilds the state")
  func replayRebuildsState() throws {
    var original = try Self.makeStrategy(seed: 4, budget: 60)
    var journal: [(asked: Int, observations: [Observation])] = []
    for size in [6, 6, 4, 3, 5] {
      let observations = original.ask(count: size).map(Self.space.evaluate)
      journal.append((size, observations))
      original.tell(observations)
    }

    var replayed = try Self.makeStrategy(seed: 4, budget: 60)
    for entry in journal {
      let proposals = replayed.ask(count: entry.asked)
      #expect(proposals == entry.observations.map(\.configuration))
      replayed.tell(entry.observations)
    }
    #expect(replayed.ask(count: 4) == original.ask(count: 4))
  }

  @Test("pending configurations are never proposed again")
  func pendingNotRepeated() throws {
    var strategy = try Self.makeStrategy(seed: 5, budget: 80, options: ["initial_points": "10"])
    var observed: [[Int]] = []
    let design = strategy.ask(count: 10)
    strategy.tell(design.map(Self.space.evaluate))
    observed += design

    let first = strategy.ask(count: 4)
    let second = strategy.ask(count: 4)
    #expect(first.count == 4)
    #expect(second.count == 4)
    #expect(Set(first).isDisjoint(with: second))
    #expect(Set(first + second).isDisjoint(with: observed))

    // Observations may come back out of order.
    strategy.tell(second.reversed().map(Self.space.evaluate))
    strategy.tell(first.map(Self.space.evaluate))
    observed += first + second
    let third = strategy.ask(count: 4)
    #expect(Set(third).isDisjoint(with: observed))
    #expect(third.allSatisfy { Self.space.isValid($0) })
    #expect(strategy.modelFailures == 0)
  }

  @Test("small space is exhausted exactly once")
  func exhaustsSmallSpace() throws {
    let tiny = TinyBayesSpace()
    let options = try StrategyOptions(
      ["initial_points": "3", "candidate_pool": "50"], specs: BayesStrategy.optionSpecs)
    var strategy = BayesStrategy(
      context: StrategyContext(
        space: tiny, directions: [.minimize, .minimize], seed: 3, budget: 20, options: options))
    var proposals: [[Int]] = []
    while !strategy.isFinished, proposals.count < 20 {
      let batch = strategy.ask(count: 2)
      proposals += batch
      strategy.tell(
        batch.map {
          Observation(
            configuration: $0, objectives: [Double($0[0]), Double(2 - $0[1])], feasible: true,
            violation: 0)
        })
    }
    #expect(proposals.count == 9)
    #expect(Set(proposals).count == 9)
    #expect(strategy.isFinished)
  }

  @Test("defaults parse and size the design")
  func defaults() throws {
    let options = try StrategyOptions([:], specs: BayesStrategy.optionSpecs)
    #expect(options.integer("candidate_pool") == 2000)
    #expect(options.integer("max_model_points") == 1000)
    let strategy = try Self.makeStrategy(seed: 1, budget: 150)
    #expect(strategy.initialPoints == 10)
    #expect(strategy.name == "bayes")
    let short = try Self.makeStrategy(seed: 1, budget: 12)
    #expect(short.initialPoints == 10)
    let explicit = try Self.makeStrategy(seed: 1, budget: 12, options: ["initial_points": "25"])
    #expect(explicit.initialPoints == 25)
  }

  @Test("only infeasible points steer towards feasibility")
  func infeasibleOnlyTargets() {
    let records = [0.9, 0.1, 0.4].map { violation in
      BayesRecord(
        configuration: [0], features: [0], minimized: [.nan, .nan], usable: false,
        violation: violation)
    }
    let scalarization = BayesScalarization(
      records: records, objectiveCount: 2, augmentation: 0.05)
    let targets = scalarization.targets(records, weights: [0.5, 0.5])
    #expect(targets[1] < targets[2])
    #expect(targets[2] < targets[0])
  }

  @Test("infeasible points score worse than feasible ones")
  func infeasiblePenalty() {
    let records = [
      BayesRecord(
        configuration: [0], features: [0], minimized: [0, 1], usable: true, violation: 0),
      BayesRecord(
        configuration: [1], features: [1], minimized: [1, 0], usable: true, violation: 0),
      BayesRecord(
        configuration: [2], features: [2], minimized: [0.5, 0.5], usable: true, violation: 0),
      BayesRecord(
        configuration: [3], features: [3], minimized: [.nan, 0], usable: false, violation: 2),
      BayesRecord(
        configuration: [4], features: [4], minimized: [0, 0], usable: false, violation: 1),
    ]
    let scalarization = BayesScalarization(
      records: records, objectiveCount: 2, augmentation: 0.05)
    let targets = scalarization.targets(records, weights: [0.3, 0.7])
    let worstFeasible = targets[0..<3].max()!
    #expect(targets[3] > worstFeasible)
    #expect(targets[4] > worstFeasible)
    #expect(targets[4] < targets[3])
    #expect(targets.allSatisfy { $0.isFinite })
  }
}
