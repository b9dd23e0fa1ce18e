import Foundation
import Synchronization
import TestSupport
import Testing

@testable import StreamTune

/// Evaluation rates on gpt2-medium, U55C: one [32:32] request, and the shipped search space with
/// its workload. Run with STREAMTUNE_BENCH=1 to print them, in a release build for meaningful
/// numbers (`swift test -c release`). They depend on the machine, so nothing is asserted beyond
/// a positive rate.
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

  @Test func shippedSpaceEvaluationRates() throws {
    let space = try SearchSpaceLoader.load(
      path: SearchSpaceTestSupport.searchSpacesFolder + "/gpt2-medium-u55c.json")
    let model = CostModel(
      config: space.model, precision: space.precision, workload: space.workload,
      platform: space.platform,
      constraints: CostModelConstraints(
        utilisationCeiling: space.constraints.defaultUtilisationCeiling,
        ceilingByResource: space.constraints.utilisationCeiling))
    var generator = SeededGenerator(seed: 42)
    var points: [DesignPoint] = []
    while points.count < 30 {
      let assignment = space.design.variables.map {
        Int.random(in: 0..<$0.values.count, using: &generator)
      }
      guard space.design.isValid(assignment) else { continue }
      points.append(space.design.designPoint(for: assignment))
    }
    let greedy = points.map { point in
      var copy = point
      copy.slrPlacement = .greedy
      return copy
    }

    let greedyRate = CostModelBenchmark.evaluationsPerSecond(
      model: model, points: greedy, minimumSeconds: 2)
    let cachedRate = CostModelBenchmark.evaluationsPerSecond(
      model: model, points: points, minimumSeconds: 2)
    let rates = Mutex<[Double]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      let rate = CostModelBenchmark.evaluationsPerSecond(
        model: model, points: greedy, minimumSeconds: 2)
      rates.withLock { $0.append(rate) }
    }
    let twoThreads = rates.withLock { $0.reduce(0, +) }
    print(
      "cost model, shipped gpt2-medium space: \(Int(greedyRate)) evaluations/s greedy SLR, "
        + "\(Int(cachedRate)) with cached ILP placements, \(Int(twoThreads)) on two threads")
    #expect(greedyRate > 0)
    #expect(cachedRate > 0)
    #expect(twoThreads > 0)
  }
}
