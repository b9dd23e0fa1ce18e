import Foundation
import Synchronization
import TestSupport
import Testing

@testable import StreamTune

/// The cached, table-driven `evaluate` against `evaluateReference`, the direct per-phase
/// implementation, on seeded random points of shipped search spaces.
@Suite struct CostModelFastPathTests {
  /// Relative tolerance for every floating-point metric.
  static let tolerance = 1e-9

  /// One space to sample, with overrides that reach paths the file alone does not.
  struct Case: CustomStringConvertible, Sendable {
    var file: String
    var points: Int
    var seed: UInt64
    var lmHeadOnFPGA = false
    var greedySLR = true

    var description: String { "\(file) seed \(seed)" }
  }

  static let cases = [
    Case(file: "gpt2-medium-u55c.json", points: 100, seed: 11),
    Case(file: "gpt2-medium-u55c.json", points: 6, seed: 12, greedySLR: false),
    Case(file: "tiny-block.json", points: 100, seed: 13),
    Case(file: "tiny-block.json", points: 40, seed: 14, lmHeadOnFPGA: true),
    Case(file: "gemma-3-1b-u55c.json", points: 12, seed: 15),
    Case(file: "llama-3.2-1b-u280.json", points: 8, seed: 16),
  ]

  @Test(arguments: cases)
  func fastPathMatchesReference(_ sample: Case) throws {
    let space = try SearchSpaceLoader.load(
      path: SearchSpaceTestSupport.searchSpacesFolder + "/" + sample.file)
    var workload = space.workload
    if sample.lmHeadOnFPGA { workload.lmHead = .fpga }
    let model = CostModel(
      config: space.model, precision: space.precision, workload: workload,
      platform: space.platform,
      constraints: CostModelConstraints(
        utilisationCeiling: space.constraints.defaultUtilisationCeiling,
        ceilingByResource: space.constraints.utilisationCeiling))

    var generator = SeededGenerator(seed: sample.seed)
    var checked = 0
    var attempts = 0
    while checked < sample.points, attempts < 100 * sample.points {
      attempts += 1
      let assignment = space.design.variables.map {
        Int.random(in: 0..<$0.values.count, using: &generator)
      }
      guard space.design.isValid(assignment) else { continue }
      var point = space.design.designPoint(for: assignment)
      if sample.greedySLR { point.slrPlacement = .greedy }

      let expected = model.evaluateReference(point)
      let fast = model.evaluate(point)
      let again = model.evaluate(point)
      let differences = Self.differences(fast, expected, path: "metrics")
      #expect(differences.isEmpty, "point \(checked): \(differences.prefix(5))")
      #expect(again == fast, "a cached evaluation changed the metrics")
      checked += 1
    }
    #expect(checked == sample.points)
  }

  @Test func hotPathAgreesUnderTwoThreads() throws {
    let space = try SearchSpaceLoader.load(
      path: SearchSpaceTestSupport.searchSpacesFolder + "/tiny-block.json")
    let model = CostModel(
      config: space.model, precision: space.precision, workload: space.workload,
      platform: space.platform)
    var generator = SeededGenerator(seed: 21)
    var points: [DesignPoint] = []
    while points.count < 40 {
      let assignment = space.design.variables.map {
        Int.random(in: 0..<$0.values.count, using: &generator)
      }
      guard space.design.isValid(assignment) else { continue }
      var point = space.design.designPoint(for: assignment)
      point.slrPlacement = .greedy
      points.append(point)
    }
    let expected = points.map { model.evaluateReference($0) }

    let results = Mutex<[[Metrics]]>([[], []])
    let fixedPoints = points
    DispatchQueue.concurrentPerform(iterations: 2) { thread in
      let order = thread == 0 ? Array(fixedPoints.indices) : fixedPoints.indices.reversed()
      var metrics = Array(repeating: Metrics?.none, count: fixedPoints.count)
      for index in order { metrics[index] = model.evaluate(fixedPoints[index]) }
      results.withLock { $0[thread] = metrics.map { $0! } }
    }
    for thread in 0..<2 {
      let produced = results.withLock { $0[thread] }
      for (index, metrics) in produced.enumerated() {
        let differences = Self.differences(metrics, expected[index], path: "metrics")
        #expect(differences.isEmpty, "thread \(thread), point \(index): \(differences)")
      }
    }
  }

  @Test func comparisonDetectsSmallChanges() throws {
    let space = try SearchSpaceLoader.load(
      path: SearchSpaceTestSupport.searchSpacesFolder + "/tiny-block.json")
    let model = CostModel(
      config: space.model, precision: space.precision, workload: space.workload,
      platform: space.platform)
    let first = space.design.variables.map { _ in 0 }
    let metrics = model.evaluate(space.design.designPoint(for: first))
    var changed = metrics
    changed.requests[0].decodeMs *= 1 + 1e-7
    changed.utilisation["dsp", default: 0] += 1e-3

    let differences = Self.differences(changed, metrics, path: "metrics")

    #expect(differences.count == 2)
    #expect(Self.differences(metrics, metrics, path: "metrics").isEmpty)
  }

  /// Paths of the values that differ: doubles beyond the relative tolerance, anything else
  /// when not equal. Dictionaries are compared by key.
  static func differences(_ actual: Any, _ expected: Any, path: String) -> [String] {
    if let a = actual as? Double, let e = expected as? Double {
      let scale = max(abs(a), abs(e), 1e-300)
      if a == e || (a.isNaN && e.isNaN) || abs(a - e) / scale <= tolerance { return [] }
      return ["\(path): \(a) vs \(e)"]
    }
    if let a = actual as? [String: Double], let e = expected as? [String: Double] {
      guard a.keys.sorted() == e.keys.sorted() else { return ["\(path): keys differ"] }
      return a.keys.sorted().flatMap { differences(a[$0]!, e[$0]!, path: "\(path)[\($0)]") }
    }
    let mirrorA = Mirror(reflecting: actual)
    let mirrorE = Mirror(reflecting: expected)
    if mirrorA.children.isEmpty || mirrorA.displayStyle == .enum {
      return "\(actual)" == "\(expected)" ? [] : ["\(path): \(actual) vs \(expected)"]
    }
    let childrenA = Array(mirrorA.children)
    let childrenE = Array(mirrorE.children)
    guard childrenA.count == childrenE.count else {
      return ["\(path): \(childrenA.count) vs \(childrenE.count) elements"]
    }
    return zip(childrenA, childrenE).enumerated().flatMap { index, pair in
      differences(pair.0.value, pair.1.value, path: "\(path).\(pair.0.label ?? String(index))")
    }
  }
}
