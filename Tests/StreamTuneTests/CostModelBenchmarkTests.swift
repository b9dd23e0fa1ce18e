import Foundation
import Testing

@testable import StreamTune

/// Evaluation rates on gpt2-medium, U55C, one [32:32] request; run with STREAMTUNE_BENCH=1 to
/// print them (they depend on the machine, so nothing is asserted beyond a positive rate).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STREAMTUNE_BENCH"] != nil))
struct CostModelBenchmarkTests {
  @Test func gpt2MediumEvaluationRates() throws {
    let config = try ModelImporter.load(path: ModelFixtures.model("gpt2-medium.json"))
    let platform = try CostModelEndToEndTests.u55c()
    let workload = Workload(requests: [Request(inputTokens: 32, outputTokens: 32)])
    let model = CostModel(config: config, precision: .w4a8, workload: workload, platform: platform)
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 32))
    let points = [512, 1_024, 2_048, 4_096, 8_192].flatMap { budget in
      [16, 32, 64].map { tile in
        StreamTensorPreset.design(
          for: graph, platform: platform, precision: .w4a8, defaultTile: tile,
          unrollBudget: budget)
      }
    }
    let greedy = points.map { point in
      var copy = point
      copy.slrPlacement = .greedy
      return copy
    }

    let start = Date()
    let uncached = CostModel(
      config: config, precision: .w4a8, workload: workload, platform: platform)
    _ = uncached.evaluate(points[0])
    let coldILP = Date().timeIntervalSince(start)

    let greedyRate = CostModelBenchmark.evaluationsPerSecond(
      model: model, points: greedy, minimumSeconds: 2)
    let cachedRate = CostModelBenchmark.evaluationsPerSecond(
      model: model, points: points, minimumSeconds: 2)
    print(
      "cost model: \(Int(greedyRate)) evaluations/s greedy SLR, \(Int(cachedRate)) with cached"
        + " ILP placements, first ILP evaluation \(Int(coldILP * 1e3)) ms")
    #expect(greedyRate > 0)
    #expect(cachedRate > 0)
  }
}
