import Testing

@testable import Explore

@Suite("Search strategies")
struct StrategyTests {
  static let space = SyntheticSpace()
  static let directions: [Direction] = [.minimize, .minimize]
  static let reference: [Double] = [40, 120]

  static func trueHypervolume() throws -> Double {
    let feasible = space.allConfigurations().map(space.evaluate).filter(\.feasible)
    return try Hypervolume.compute(feasible.map(\.objectives), reference: reference)
  }

  /// Runs a strategy for `budget` evaluations in batches of `batch` and returns the
  /// hypervolume reached and the configurations in proposal order.
  static func run(_ name: String, seed: UInt64, budget: Int, batch: Int = 4) throws -> (
    hypervolume: Double, proposals: [[Int]]
  ) {
    var strategy = try StrategyRegistry.make(
      name: name, space: space, directions: directions, seed: seed, budget: budget, options: [:])
    var archive = ParetoArchive<Int>(directions: directions)
    var proposals: [[Int]] = []
    while proposals.count < budget, !strategy.isFinished {
      let configurations = strategy.ask(count: min(batch, budget - proposals.count))
      if configurations.isEmpty { break }
      let observations = configurations.map(space.evaluate)
      for observation in observations where observation.feasible {
        archive.insert(observation.objectives, payload: proposals.count)
      }
      proposals += configurations
      strategy.tell(observations)
    }
    return (try archive.hypervolume(reference: reference), proposals)
  }

  @Test("exhaustive finds the true front")
  func exhaustiveFront() throws {
    let result = try Self.run("exhaustive", seed: 1, budget: 10_000)
    #expect(result.proposals.count == Self.space.allConfigurations().count)
    #expect(Set(result.proposals).count == result.proposals.count)
    #expect(abs(result.hypervolume - (try Self.trueHypervolume())) < 1e-9)
  }

  @Test("exhaustive shards partition the space")
  func exhaustiveShards() throws {
    var union: [[Int]] = []
    for index in 0..<3 {
      var strategy = try StrategyRegistry.make(
        name: "exhaustive", space: Self.space, directions: Self.directions, seed: 1, budget: nil,
        options: [:], shard: (index, 3))
      while case let batch = strategy.ask(count: 50), !batch.isEmpty { union += batch }
    }
    #expect(union.count == Self.space.allConfigurations().count)
    #expect(Set(union) == Set(Self.space.allConfigurations()))
  }

  @Test("stochastic strategies approach the true front", arguments: ["anneal", "nsga2"])
  func approachesFront(name: String) throws {
    let truth = try Self.trueHypervolume()
    let ratios = try (1...3).map { seed in
      try Self.run(name, seed: UInt64(seed), budget: 400).hypervolume / truth
    }.sorted()
    let randomRatios = try (1...3).map { seed in
      try Self.run("random", seed: UInt64(seed), budget: 400).hypervolume / truth
    }.sorted()
    #expect(ratios[1] >= 0.95, "\(name) median ratio \(ratios[1])")
    #expect(ratios[1] >= randomRatios[1], "\(name) \(ratios[1]) vs random \(randomRatios[1])")
  }

  @Test("same seed gives the same proposals", arguments: ["random", "anneal", "nsga2", "bayes"])
  func deterministic(name: String) throws {
    let first = try Self.run(name, seed: 7, budget: 120)
    let second = try Self.run(name, seed: 7, budget: 120)
    #expect(first.proposals == second.proposals)
  }

  @Test("proposals are valid and never repeat", arguments: ["random", "anneal", "nsga2"])
  func validUnique(name: String) throws {
    let result = try Self.run(name, seed: 3, budget: 300)
    #expect(result.proposals.allSatisfy(Self.space.isValid))
    #expect(Set(result.proposals).count == result.proposals.count)
  }

  @Test("unknown strategy and bad options are rejected")
  func rejectsBadInput() {
    #expect(throws: StrategyError.self) {
      _ = try StrategyRegistry.make(
        name: "anealing", space: Self.space, directions: Self.directions, seed: 1, budget: 10,
        options: [:])
    }
    do {
      _ = try StrategyRegistry.make(
        name: "nsga2", space: Self.space, directions: Self.directions, seed: 1, budget: 10,
        options: ["population": "2", "populaton": "8"])
      Issue.record("expected invalid options")
    } catch {
      #expect(error.description.contains("population"))
      #expect(error.description.contains("did you mean"))
    }
  }
}
