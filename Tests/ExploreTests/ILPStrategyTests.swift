import Foundation
import StreamTune
import Testing

@testable import Explore

/// The `ilp` strategy on the tiny block, whose 672 points are evaluated exhaustively.
///
/// On a single-SLR device with normal FIFO equalisation, the allocation estimate is the cost
/// model's latency minus the fixed block overhead, and the DSP estimate is the cost model's
/// DSP count. So a proven-optimal solution at a DSP cap is the fastest design of its outer
/// configuration within that cap: the tests check exactly that against the enumeration.
@Suite("ILP strategy")
struct ILPStrategyTests {
  static let fixture = ILPFixture()

  /// Runs `ilp` to the end and returns the strategy and its proposals in order.
  static func run(_ options: [String: String], seed: UInt64 = 1) throws -> (
    strategy: ILPStrategy, proposals: [[Int]]
  ) {
    var strategy = try StrategyRegistry.make(
      name: "ilp", space: fixture.space.design, directions: [.minimize, .minimize], seed: seed,
      budget: nil, options: options, oracle: fixture.oracle)
    var proposals: [[Int]] = []
    while case let batch = strategy.ask(count: 16), !batch.isEmpty { proposals += batch }
    return (try #require(strategy as? ILPStrategy), proposals)
  }

  @Test("missing oracle is rejected")
  func missingOracle() throws {
    #expect(throws: StrategyError.self) {
      _ = try StrategyRegistry.make(
        name: "ilp", space: Self.fixture.space.design, directions: [.minimize], seed: 1,
        budget: nil, options: [:])
    }
  }

  @Test("estimate matches the cost model")
  func estimateMatches() throws {
    let (strategy, proposals) = try Self.run(["outer": "sample", "outer_samples": "6"])
    #expect(!proposals.isEmpty)
    #expect(strategy.bounds.map(\.configuration) == proposals)
    for record in strategy.bounds {
      let metrics = Self.fixture.metrics(record.configuration)
      #expect(record.dsp == Double(metrics.dsp), "\(record.configuration)")
      #expect(record.lpBound <= record.achieved * (1 + 1e-9), "\(record.configuration)")
      #expect(record.bestBound >= record.lpBound, "\(record.configuration)")
      guard Self.fixture.hasNormalEqualisation(record.configuration) else { continue }
      let offset = metrics.latencyMs - record.achieved
      #expect(abs(offset - Self.fixture.blockOverheadMs) < 1e-9, "\(record.configuration)")
    }
  }

  @Test("exact solutions are fastest within their cap")
  func fastestWithinCap() throws {
    let (strategy, _) = try Self.run(
      ["outer": "sample", "outer_samples": "4", "exact": "true", "time_limit_s": "10"], seed: 3)
    let outer = Self.fixture.outerVariables
    var checked = 0
    for record in strategy.bounds where Self.fixture.hasNormalEqualisation(record.configuration) {
      #expect(record.provenOptimal, "\(record.configuration)")
      #expect(record.gap == 0)
      let achieved = Self.fixture.metrics(record.configuration)
      let rivals = Self.fixture.truth.filter { point in
        point.metrics.feasible && Double(point.metrics.dsp) <= record.dspCap
          && outer.allSatisfy { point.configuration[$0] == record.configuration[$0] }
      }
      let fastest = try #require(rivals.map(\.metrics.latencyMs).min())
      #expect(achieved.latencyMs <= fastest * (1 + 1e-12), "\(record.configuration)")
      checked += 1
    }
    #expect(checked >= 8)
  }

  @Test("non-dominated proposals lie on the true front")
  func onTrueFront() throws {
    let (strategy, proposals) = try Self.run([:])
    #expect(strategy.outerVisited == 24)
    let truth = Self.fixture.truth.filter(\.metrics.feasible).map {
      [$0.metrics.latencyMs, Double($0.metrics.dsp)]
    }
    let found = proposals.map(Self.fixture.metrics).filter(\.feasible).map {
      [$0.latencyMs, Double($0.dsp)]
    }
    let front = Dominance.nonDominatedIndices(found).map { found[$0] }
    #expect(front.count >= 8)
    for point in front {
      #expect(!truth.contains { Dominance.dominates($0, point) }, "\(point)")
    }

    let reference = [3.0, 300.0]
    let ratio =
      try Hypervolume.compute(found, reference: reference)
      / Hypervolume.compute(truth, reference: reference)
    #expect(ratio >= 0.97, "hypervolume ratio \(ratio)")
  }

  @Test("same seed gives the same proposals")
  func deterministic() throws {
    let options = ["outer": "sample", "outer_samples": "3", "budget_steps": "3"]
    let first = try Self.run(options, seed: 9).proposals
    let second = try Self.run(options, seed: 9).proposals
    #expect(!first.isEmpty)
    #expect(first == second)
  }

  @Test("shards split the outer configurations")
  func shards() throws {
    var union: [[Int]] = []
    for index in 0..<2 {
      var strategy = try StrategyRegistry.make(
        name: "ilp", space: Self.fixture.space.design, directions: [.minimize], seed: 1,
        budget: nil, options: ["budget_steps": "2"], shard: (index, 2),
        oracle: Self.fixture.oracle)
      while case let batch = strategy.ask(count: 64), !batch.isEmpty { union += batch }
    }
    let whole = try Self.run(["budget_steps": "2"]).proposals
    #expect(union.count == whole.count)
    #expect(Set(union) == Set(whole))
  }
}

/// The tiny block, its oracle, and every valid configuration with its metrics.
struct ILPFixture: Sendable {
  let space: SearchSpace
  let oracle: CostModelAllocationOracle
  let truth: [(configuration: [Int], metrics: Metrics)]
  let outerVariables: [Int]
  let fifoVariable: Int
  /// The block overhead over the workload, per request, in milliseconds.
  let blockOverheadMs: Double

  init() {
    space = try! ILPTestSupport.tinySpace()
    oracle = CostModelAllocationOracle(searchSpace: space)
    let model = oracle.costModel
    let design = space.design
    truth = ILPTestSupport.allConfigurations(design).map {
      ($0, model.evaluate(design.designPoint(for: $0)))
    }
    let allocation = Set(oracle.allocationVariables)
    outerVariables = (0..<design.variableCount).filter { !allocation.contains($0) }
    fifoVariable = design.variables.firstIndex { $0.parameter == .fifoEqualisation }!

    let workload = space.workload
    let blocks = workload.requests.reduce(0) { $0 + 1 + $1.outputTokens } * space.model.layers
    blockOverheadMs =
      space.platform.efficiency.blockOverheadMicroseconds * 1e-3 * Double(blocks)
      / Double(workload.requests.count)
  }

  func metrics(_ configuration: [Int]) -> Metrics {
    truth.first { $0.configuration == configuration }!.metrics
  }

  func hasNormalEqualisation(_ configuration: [Int]) -> Bool {
    space.design.valueText(of: fifoVariable, valueIndex: configuration[fifoVariable]) == "normal"
  }
}

enum ILPTestSupport {
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func tinySpace() throws -> SearchSpace {
    try SearchSpaceLoader.load(path: repositoryRoot + "/SearchSpaces/tiny-block.json")
  }

  /// Every valid configuration, in the exhaustive strategy's order.
  static func allConfigurations(_ space: DesignSpace) -> [[Int]] {
    let options = try! StrategyOptions([:], specs: ExhaustiveStrategy.optionSpecs)
    let context = StrategyContext(
      space: space, directions: [.minimize], seed: 1, budget: nil, options: options)
    var strategy = try! ExhaustiveStrategy(context: context)
    var result: [[Int]] = []
    while case let batch = strategy.ask(count: 256), !batch.isEmpty { result += batch }
    return result
  }
}
