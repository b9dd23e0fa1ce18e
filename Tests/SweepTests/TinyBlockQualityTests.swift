import Explore
import Foundation
import StreamTune
import Sweep
import Testing

/// Strategies on the tiny search space, whose true front is known by enumeration.
@Suite("Strategy quality on tiny-block")
struct TinyBlockQualityTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Every valid design of the space with its result, evaluated once.
  static let table: (problem: SpaceProblem, results: [[Int]: SweepResult]) = {
    let space = try! SearchSpaceLoader.load(path: root + "/SearchSpaces/tiny-block.json")
    let problem = SpaceProblem(space: space)
    var strategy = try! StrategyRegistry.make(
      name: "exhaustive", space: problem.space, directions: problem.directions, seed: 1,
      budget: nil, options: [:])
    var results: [[Int]: SweepResult] = [:]
    while case let batch = strategy.ask(count: 64), !batch.isEmpty {
      for configuration in batch { results[configuration] = problem.evaluate(configuration) }
    }
    return (problem, results)
  }()

  static func hypervolume(_ configurations: some Sequence<[Int]>, reference: [Double]) throws
    -> Double
  {
    let problem = table.problem
    var archive = ParetoArchive<Int>(directions: problem.directions)
    for configuration in configurations {
      let result = table.results[configuration]!
      if result.feasible { archive.insert(problem.objectives(of: result), payload: 0) }
    }
    return try archive.hypervolume(reference: reference)
  }

  /// A reference point beyond the worst feasible value of every objective.
  static let reference: [Double] = {
    let problem = table.problem
    let feasible = table.results.values.filter(\.feasible).map(problem.objectives(of:))
    return problem.directions.indices.map { objective in
      let values = feasible.map { $0[objective] }
      return problem.directions[objective] == .minimize
        ? values.max()! * 1.1 : values.min()! * 0.9
    }
  }()

  static func run(_ name: String, seed: UInt64, budget: Int) throws -> [[Int]] {
    let problem = table.problem
    var strategy = try StrategyRegistry.make(
      name: name, space: problem.space, directions: problem.directions, seed: seed,
      budget: budget, options: [:])
    var proposals: [[Int]] = []
    while proposals.count < budget, !strategy.isFinished {
      let batch = strategy.ask(count: min(8, budget - proposals.count))
      if batch.isEmpty { break }
      proposals += batch
      strategy.tell(
        batch.map { configuration in
          let result = table.results[configuration]!
          return Observation(
            configuration: configuration, objectives: problem.objectives(of: result),
            feasible: result.feasible, violation: result.violation)
        })
    }
    return proposals
  }

  @Test("space has a feasible front")
  func feasibleFront() throws {
    #expect(Self.table.results.count == 672)
    #expect(Self.table.results.values.filter(\.feasible).count > 100)
  }

  /// Strategy, seeds and budget; the Gaussian process is costly in a debug build, so bayes
  /// runs fewer seeds on a smaller budget.
  static let cases: [(String, Int, Int)] = [("anneal", 5, 250), ("nsga2", 5, 250), ("bayes", 3, 150)]

  @Test("strategies reach 95% of the true hypervolume", arguments: cases)
  func reachesFront(name: String, seeds: Int, budget: Int) throws {
    let truth = try Self.hypervolume(Self.table.results.keys, reference: Self.reference)
    #expect(truth > 0)
    let ratios = try (1...seeds).map { seed in
      try Self.hypervolume(Self.run(name, seed: UInt64(seed), budget: budget), reference: Self.reference)
        / truth
    }.sorted()
    let randomRatios = try (1...seeds).map { seed in
      try Self.hypervolume(Self.run("random", seed: UInt64(seed), budget: budget), reference: Self.reference)
        / truth
    }.sorted()
    // Random is reported beside the others: the tiny space's front is small enough that
    // random sampling also finds most of it.
    let median = ratios[seeds / 2]
    #expect(median >= 0.95, "\(name) median \(median), random median \(randomRatios[seeds / 2])")
  }
}
