import Foundation
import Testing

@testable import StreamTune

@Suite struct CostModelTests {
  let platform = CostModelFixtures.platform()

  func model(_ requests: [Request], layers: Int = 2, platform: Platform? = nil) -> CostModel {
    CostModel(
      layers: layers, workload: Workload(requests: requests), precision: .w4a8,
      platform: platform ?? self.platform, build: CostModelFixtures.decodeBlock)
  }

  @Test func decodeSumEqualsPerTokenLoop() {
    let point = DesignPoint(kernels: ["attn_score": KernelDesign(unroll: ["d": 4])])
    let whole = model([Request(inputTokens: 8, outputTokens: 5)]).evaluate(point)

    // One decode step per model: a request [S + i − 1 : 1] decodes exactly at c = S + i.
    var explicit = 0.0
    for step in 1...5 {
      let single = model([Request(inputTokens: 8 + step - 1, outputTokens: 1)]).evaluate(point)
      explicit += single.requests[0].decodeMs
    }

    #expect(abs(whole.requests[0].decodeMs - explicit) <= 1e-12 * explicit)
    #expect(whole.decodeTokensPerS == 5 / (whole.requests[0].decodeMs / 1e3))
  }

  @Test func decodeStepGrowsWithContext() {
    let short = model([Request(inputTokens: 8, outputTokens: 1)]).evaluate(DesignPoint())
    let long = model([Request(inputTokens: 4_000, outputTokens: 1)]).evaluate(DesignPoint())

    #expect(long.requests[0].decodeMs > short.requests[0].decodeMs)
  }

  @Test func requestTimesAddUp() {
    let metrics = model([Request(inputTokens: 16, outputTokens: 4)]).evaluate(DesignPoint())
    let request = metrics.requests[0]

    #expect(request.ttftMs > 0)
    #expect(abs(request.latencyMs - request.ttftMs - request.decodeMs) < 1e-12)
    #expect(metrics.latencyMs == request.latencyMs)
    #expect(metrics.energyMJPerToken > 0)
    #expect(abs(metrics.tokensPerJoule * metrics.energyMJPerToken / 1e3 - 1) < 1e-9)
    #expect(metrics.rooflineLatencyMs > 0)
    #expect(metrics.rooflineDistance >= 1)
  }

  @Test func infeasiblePointKeepsMetricsAndReasons() {
    let small = CostModelFixtures.platform(dsp: 10)
    let point = DesignPoint(kernels: ["q_proj": KernelDesign(unroll: ["n": 16, "k": 4])])

    let metrics = model([Request(inputTokens: 16, outputTokens: 2)], platform: small)
      .evaluate(point)

    #expect(!metrics.feasible)
    #expect(metrics.dsp == 32 + 1)
    #expect(metrics.reasons.contains("dsp 33 > 9 (90% of 10)"))
    #expect(metrics.latencyMs.isFinite)
    #expect(metrics.latencyMs > 0)
  }

  @Test func feasiblePointHasNoReasons() {
    let metrics = model([Request(inputTokens: 16, outputTokens: 2)]).evaluate(DesignPoint())

    #expect(metrics.feasible)
    #expect(metrics.reasons.isEmpty)
  }

  @Test func tooManyChannelsIsInfeasible() {
    let point = DesignPoint(kernels: ["q_proj": KernelDesign(channels: 3),
                                      "attn_score": KernelDesign(channels: 3)])

    let metrics = model([Request(inputTokens: 16, outputTokens: 2)]).evaluate(point)

    #expect(metrics.channels == 6)
    #expect(metrics.reasons.contains { $0.hasPrefix("channels 6 > 4") })
  }

  @Test func groupedNumbers() {
    #expect(Feasibility.grouped(10_240) == "10,240")
    #expect(Feasibility.grouped(8_121) == "8,121")
    #expect(Feasibility.grouped(999) == "999")
    #expect(Feasibility.grouped(1_000_000) == "1,000,000")
  }

  @Test func conservativeShrinksFIFOsAndKeepsLatency() {
    let graph = CostModelFixtures.reconvergentBlock(rows: 64)
    let model = CostModel(
      layers: 1, workload: Workload(requests: [Request(inputTokens: 64, outputTokens: 0)]),
      precision: .w4a8, platform: platform
    ) { _ in graph }
    let tiles = ["m": 8, "n": 64, "k": 64]
    var point = DesignPoint(kernels: [
      "proj_a": KernelDesign(tile: tiles, unroll: ["n": 16, "k": 8]),
      "proj_b": KernelDesign(tile: tiles, unroll: ["n": 2]),
      "add": KernelDesign(tile: ["m": 8, "n": 64], unroll: ["n": 8]),
    ])

    let normal = model.evaluate(point)
    point.fifoEqualisation = .conservative
    let conservative = model.evaluate(point)

    let normalDepth = normal.edges.reduce(0) { $0 + $1.fifoDepth }
    let conservativeDepth = conservative.edges.reduce(0) { $0 + $1.fifoDepth }
    #expect(conservativeDepth < normalDepth)
    #expect(conservative.latencyMs >= normal.latencyMs)
    for edge in normal.edges { #expect(edge.fifoDepth >= FIFOSizing.minimumDepth) }
  }

  @Test func multiSLRPlacementUsesInteger() {
    let wide = CostModelFixtures.platform(slrs: 3)
    let model = model([Request(inputTokens: 16, outputTokens: 2)], platform: wide)

    let ilp = model.evaluate(DesignPoint(slrPlacement: .ilp))
    let greedy = model.evaluate(DesignPoint(slrPlacement: .greedy))

    #expect(!ilp.slrFallback)
    #expect(ilp.kernels.allSatisfy { (0..<3).contains($0.slr) })
    #expect(greedy.kernels.allSatisfy { (0..<3).contains($0.slr) })
    // Both kernels fit next to the memory, so neither placement crosses a boundary.
    #expect(ilp.kernels.allSatisfy { $0.slr == 0 })
  }

  @Test func benchmarkReportsRate() {
    let model = model([Request(inputTokens: 16, outputTokens: 8)])
    let rate = CostModelBenchmark.evaluationsPerSecond(
      model: model, points: [DesignPoint()], minimumSeconds: 0.05)

    #expect(rate > 0)
  }
}
