import Foundation
import Testing

@testable import StreamTune

@Suite struct CostModelEndToEndTests {
  static func u55c() throws -> Platform {
    try PlatformLoader.load(
      path: ModelFixtures.repositoryRoot.appendingPathComponent("SearchSpaces/platforms/u55c.json")
        .path)
  }

  @Test func gpt2MediumPresetOnU55C() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("gpt2-medium.json"))
    let platform = try Self.u55c()
    let workload = Workload(requests: [Request(inputTokens: 32, outputTokens: 32)])
    let model = CostModel(
      config: config, precision: .w4a8, workload: workload, platform: platform)
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 32))
    let point = StreamTensorPreset.design(
      for: graph, platform: platform, precision: .w4a8, defaultTile: 32, unrollBudget: 4_096)

    let metrics = model.evaluate(point)

    for value in [
      metrics.latencyMs, metrics.ttftMs, metrics.decodeTokensPerS, metrics.energyMJPerToken,
      metrics.tokensPerJoule, metrics.powerW, metrics.rooflineLatencyMs,
    ] {
      #expect(value.isFinite)
      #expect(value > 0)
    }
    #expect(metrics.dsp > 0)
    #expect(metrics.lut > 0)
    #expect(metrics.bram18k + metrics.uram > 0)
    #expect(metrics.kernels.count == graph.kernels.count)
    #expect(metrics.edges.count == graph.edges.count)
    #expect(metrics.rooflineDistance >= 1)
    #expect(metrics.kernels.allSatisfy { $0.latencyCycles > 0 })
    #expect(metrics.kernels.allSatisfy { $0.iiCycles > 0 })
  }

  @Test func presetSpendsUnrollBudget() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("gpt2-medium.json"))
    let platform = try Self.u55c()
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 32))

    let point = StreamTensorPreset.design(
      for: graph, platform: platform, precision: .w4a8, defaultTile: 32, unrollBudget: 2_048)
    let lanes = graph.kernels.reduce(0) { sum, kernel in
      sum + LoopNest(kernel: kernel, design: point.design(of: kernel.name)).lanes
    }

    #expect(lanes <= 2_048)
    #expect(lanes > 1_024)
    for kernel in graph.kernels {
      let nest = LoopNest(kernel: kernel, design: point.design(of: kernel.name))
      let names = nest.levels.map(\.name)
      let reductions = nest.levels.enumerated().filter { $0.element.kind == .reduction }
      let parallels = nest.levels.enumerated().filter {
        $0.element.kind == .parallel && $0.element.name != "m"
      }
      // The token loop leads; every reduction loop comes before every other parallel loop.
      #expect(names.first == "m", "\(kernel.name): \(names)")
      #expect(
        reductions.map(\.offset).max() ?? -1 < parallels.map(\.offset).min() ?? Int.max,
        "\(kernel.name): \(names)")
    }
    if case .greedy = point.fusion {} else { Issue.record("preset fusion is not greedy") }
  }

  @Test func slidingWindowModelBuildsGroups() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("gemma-3-1b-it.json"))
    let platform = try Self.u55c()
    let workload = Workload(requests: [Request(inputTokens: 16, outputTokens: 4)])

    let model = CostModel(
      config: config, precision: .w4a8, workload: workload, platform: platform)
    let metrics = model.evaluate(DesignPoint(slrPlacement: .greedy))

    #expect(model.layerCounts.reduce(0, +) == config.layers)
    #expect(metrics.latencyMs.isFinite)
    #expect(metrics.latencyMs > 0)
  }
}
