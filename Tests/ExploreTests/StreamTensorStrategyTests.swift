import StreamTune
import Testing

@testable import Explore

@Suite("StreamTensor strategy")
struct StreamTensorStrategyTests {
  static let tiles = [8, 16, 32, 64, 128]
  static let budgets = [64, 128, 256, 512, 1024, 2048, 4096, 6144, 8192, 12288, 16384]

  static func knobSpace(options: [String: String] = [:]) throws -> StreamTensorKnobSpace {
    try StreamTensorKnobSpace(searchSpace: try ILPTestSupport.tinySpace(), options: options)
  }

  /// Runs the strategy to the end in batches of `batch` and returns its proposals.
  static func proposals(
    _ space: StreamTensorKnobSpace, batch: Int, shard: (index: Int, count: Int) = (0, 1)
  ) throws -> [[Int]] {
    var strategy = try StrategyRegistry.make(
      name: "streamtensor", space: space, directions: [.minimize, .minimize], seed: 1,
      budget: nil, options: [:], shard: shard)
    var result: [[Int]] = []
    while !strategy.isFinished {
      let next = strategy.ask(count: batch)
      if next.isEmpty { break }
      result += next
    }
    return result
  }

  @Test("grid is complete and in a stable order", arguments: [1, 5, 100])
  func completeGrid(batch: Int) throws {
    let space = try Self.knobSpace()
    let proposals = try Self.proposals(space, batch: batch)
    #expect(proposals.count == Self.tiles.count * Self.budgets.count)
    #expect(Set(proposals).count == proposals.count)
    #expect(proposals == StreamTensorStrategy.grid(of: space))
    #expect(proposals.allSatisfy(space.isValid))
    let pairs = proposals.map {
      [
        Int(space.valueText(of: 0, valueIndex: $0[0]))!,
        Int(space.valueText(of: 1, valueIndex: $0[1]))!,
      ]
    }
    let expected = Self.tiles.flatMap { tile in Self.budgets.map { [tile, $0] } }
    #expect(pairs == expected)
    #expect(try Self.proposals(space, batch: batch) == proposals)
  }

  @Test("shards partition the grid")
  func shards() throws {
    let space = try Self.knobSpace()
    var union: [[Int]] = []
    for index in 0..<3 { union += try Self.proposals(space, batch: 4, shard: (index, 3)) }
    #expect(union.count == StreamTensorStrategy.grid(of: space).count)
    #expect(Set(union) == Set(StreamTensorStrategy.grid(of: space)))
  }

  @Test("knob options are read and checked")
  func options() throws {
    let space = try Self.knobSpace(options: ["tiles": "32, 16", "unroll_budgets": "512,64,512"])
    #expect(space.tiles == [16, 32])
    #expect(space.unrollBudgets == [64, 512])
    #expect(space.name(of: 0) == "default_tile")
    #expect(space.name(of: 1) == "unroll_budget")
    #expect(try Self.proposals(space, batch: 10).count == 4)

    let searchSpace = try ILPTestSupport.tinySpace()
    do {
      _ = try StreamTensorKnobSpace(
        searchSpace: searchSpace, options: ["tiles": "8,x", "unroll_budgets": "0"])
      Issue.record("expected invalid knob options")
    } catch {
      #expect(error.errors.map(\.option) == ["tiles", "unroll_budgets"])
    }
    let split = StreamTensorKnobSpace.splitOptions(["tiles": "8", "seed_extra": "1"])
    #expect(split.knobs == ["tiles": "8"])
    #expect(split.strategy == ["seed_extra": "1"])
  }

  @Test("design space is rejected")
  func rejectsDesignSpace() throws {
    let space = try ILPTestSupport.tinySpace()
    #expect(throws: StrategyError.self) {
      _ = try StrategyRegistry.make(
        name: "streamtensor", space: space.design, directions: [.minimize], seed: 1, budget: nil,
        options: [:])
    }
  }

  /// A larger lane budget never makes any kernel's compute slower, and the largest budget
  /// is faster than the smallest for the bottleneck kernel.
  @Test("larger budget is no slower", arguments: tiles)
  func monotoneBudget(tile: Int) throws {
    let space = try Self.knobSpace()
    let constants = HardwareConstants(platform: space.platform, precision: space.precision)
    let tileIndex = space.tiles.firstIndex(of: tile)!
    func computeCycles(_ budget: Int) -> [Double] {
      let point = space.designPoint(for: [tileIndex, budget])
      return space.graph.kernels.map { kernel in
        KernelModel.estimate(
          kernel: kernel, nest: LoopNest(kernel: kernel, design: point.design(of: kernel.name)),
          constants: constants, binding: MemoryBinding(), externalBytes: 0, channels: 0
        ).computeCycles
      }
    }
    var previous = computeCycles(0)
    for budget in 1..<space.unrollBudgets.count {
      let current = computeCycles(budget)
      for (kernel, cycles) in zip(space.graph.kernels, zip(previous, current)) {
        #expect(
          cycles.1 <= cycles.0, "\(kernel.name) at budget \(space.unrollBudgets[budget])")
      }
      previous = current
    }
    #expect(previous.max()! < computeCycles(0).max()!)
  }

  @Test("preset points evaluate with the cost model")
  func evaluates() throws {
    let searchSpace = try ILPTestSupport.tinySpace()
    let space = try Self.knobSpace()
    let model = CostModelAllocationOracle.costModel(for: searchSpace)
    let latencies = StreamTensorStrategy.grid(of: space).map {
      model.evaluate(space.designPoint(for: $0)).latencyMs
    }
    #expect(latencies.allSatisfy { $0.isFinite && $0 > 0 })
  }
}
