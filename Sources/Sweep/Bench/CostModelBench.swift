import Explore
import Foundation
import StreamTune

/// The `cost_model` section: full design-point evaluations per second on one thread.
///
/// Two figures per row. Cold: a fresh evaluator evaluates distinct random designs once each,
/// so every kernel estimate, FIFO LP and SLR assignment is computed, as when a search meets
/// new designs. Warm: `CostModelBenchmark` cycles through the same designs afterwards, so the
/// evaluator's caches hit, as in a search that revisits regions. Cold timings include
/// the search space's constraint checks; warm ones time `CostModel.evaluate` alone. Both run
/// on the calling thread.
enum CostModelBench {
  /// Seed of the random designs; fixed so that every run times the same designs.
  static let designSeed: UInt64 = 0x5EED_C057

  static func run(_ settings: BenchSettings) throws(BenchError) -> BenchSectionResult {
    let spaceRows = try spaceThroughput(settings)
    let variantRows = try variantThroughput(settings)

    let header = [
      "space", "model", "hidden_size", "requests", "designs_evaluated", "feasible_designs",
      "cold_evaluations_per_s", "warm_evaluations_per_s", "warm_over_cold",
    ]
    let notes = [
      "Evaluations per second on one thread (per core), median of \(settings.repeats) repeats. Designs: random valid assignments drawn with seed \(designSeed), the same list for every repeat; designs_evaluated is the most a cold pass reached, feasible_designs how many of those were feasible.",
      "cold: a fresh evaluator evaluates distinct designs once each for at least \(settings.costModelSeconds) s, computing every kernel estimate, FIFO LP and SLR assignment, as a search does when it meets new designs.",
      "warm: the same designs cycled for at least \(settings.costModelSeconds) s, so the evaluator's caches hit.",
      "Target: 20,000 evaluations per second per core. What limits a cold evaluation: new kernel estimates and a new layout converter per fused edge and attention context length (the GPT-2 workload has 224 decode contexts), about two thirds of the cost model's time in a perf profile of a random sweep, much of it memory allocation and lookups in dictionaries keyed by kernel and loop names.",
    ]
    let spaces = BenchTable(
      name: "cost_model", title: "Cost-model throughput per search space",
      table: CSVTable(header: header, rows: spaceRows), notes: notes)
    let variants = BenchTable(
      name: "cost_model_scaling",
      title: "Cost-model throughput against model size (GPT-2-like variants)",
      table: CSVTable(header: header, rows: variantRows),
      notes: notes + [
        "Variants of \(settings.largeSpace)'s model: hidden size h with h / 64 heads of dimension 64 and an FFN of 4h, one request of half prompt and half generated tokens, the same random designs. Layer count does not change the cost of a block, so it stays."
      ])

    let summary = (spaceRows + variantRows).map { row in
      "cost_model \(row[0]) (\(row[3])): \(row[6]) cold, \(row[7]) warm evaluations/s/core"
    }
    return BenchSectionResult(section: .costModel, tables: [spaces, variants], summary: summary)
  }

  /// Measures one row per shipped search space.
  static func spaceThroughput(_ settings: BenchSettings) throws(BenchError) -> [[String]] {
    var rows: [[String]] = []
    for file in try shippedSpaces(settings.searchSpacesFolder) {
      let space = try load(settings.spacePath(file))
      let assignments = randomAssignments(space.design, count: settings.costModelDesigns)
      rows.append(measure(name: file, space: space, assignments: assignments, settings: settings))
    }
    return rows
  }

  /// Measures one row per hidden size and context length of the GPT-2-like variants.
  static func variantThroughput(_ settings: BenchSettings) throws(BenchError) -> [[String]] {
    let base = try load(settings.spacePath(settings.largeSpace))
    let assignments = randomAssignments(base.design, count: settings.costModelDesigns)
    var rows: [[String]] = []
    for hidden in settings.variantHiddenSizes {
      for context in settings.variantContextLengths {
        var variant = base
        variant.model = gpt2LikeConfig(base.model, hidden: hidden)
        let request = Request(inputTokens: context / 2, outputTokens: context - context / 2)
        variant.workload = Workload(
          requests: [request], batchSize: 1, lmHead: base.workload.lmHead)
        let name = "gpt2-like h\(hidden) c\(context)"
        rows.append(
          measure(name: name, space: variant, assignments: assignments, settings: settings))
      }
    }
    return rows
  }

  /// Returns the model of `base` resized to hidden size `hidden`.
  static func gpt2LikeConfig(_ base: TransformerConfig, hidden: Int) -> TransformerConfig {
    var config = base
    config.name = "\(base.name)-h\(hidden)"
    config.hiddenSize = hidden
    config.headDimension = 64
    config.attentionHeads = max(1, hidden / 64)
    config.keyValueHeads = config.attentionHeads
    config.intermediateSize = 4 * hidden
    config.wordEmbeddingDimension = hidden
    return config
  }

  /// Times cold and warm throughput of one space and returns its table row.
  ///
  /// Each repeat builds a fresh evaluator and evaluates the designs in order until
  /// `costModelSeconds` have passed (at least 8 designs, at most all): that is the cold
  /// figure. The warm figure cycles through the designs just evaluated, whose cache entries
  /// the cold pass created.
  static func measure(
    name: String, space: SearchSpace, assignments: [[Int]], settings: BenchSettings
  ) -> [String] {
    let points = assignments.map { space.design.designPoint(for: $0) }
    var cold: [Double] = []
    var warm: [Double] = []
    var feasible = 0
    var evaluated = 0
    for _ in 0..<settings.repeats {
      let evaluator = SpaceEvaluator(space: space)
      var count = 0
      var feasibleCount = 0
      let start = DispatchTime.now().uptimeNanoseconds
      var seconds = 0.0
      while count < points.count, count < 8 || seconds < settings.costModelSeconds {
        if evaluator.evaluate(point: points[count]).feasible { feasibleCount += 1 }
        count += 1
        seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      }
      if count > evaluated {
        evaluated = count
        feasible = feasibleCount
      }
      cold.append(Double(count) / seconds)
      warm.append(
        CostModelBenchmark.evaluationsPerSecond(
          model: evaluator.model, points: Array(points.prefix(count)),
          minimumSeconds: settings.costModelSeconds))
    }
    let coldMedian = BenchStatistics.median(cold)
    let warmMedian = BenchStatistics.median(warm)
    let requests = space.workload.requests.map(\.description).joined(separator: " ")
    return [
      name, space.model.name, String(space.model.hiddenSize), requests, String(evaluated),
      String(feasible), BenchStatistics.format(coldMedian), BenchStatistics.format(warmMedian),
      BenchStatistics.format(warmMedian / coldMedian, digits: 3),
    ]
  }

  /// Distinct random valid assignments of a design space, seeded.
  static func randomAssignments(_ design: DesignSpace, count: Int) -> [[Int]] {
    var generator = Xoshiro256(seed: designSeed)
    var seen = Set<[Int]>()
    var result: [[Int]] = []
    var attempts = 0
    while result.count < count, attempts < 50 * count {
      attempts += 1
      guard let assignment = design.randomConfiguration(using: &generator) else { break }
      if seen.insert(assignment).inserted { result.append(assignment) }
    }
    return result
  }

  /// Lists the search-space files of a folder (every `.json` except the schema), sorted.
  static func shippedSpaces(_ folder: String) throws(BenchError) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      throw BenchError("cannot list search spaces in \(folder)")
    }
    return names.filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
  }

  static func load(_ path: String) throws(BenchError) -> SearchSpace {
    do {
      return try SearchSpaceLoader.load(path: path)
    } catch {
      throw BenchError("\(path) is not a valid search space: \(error.description)")
    }
  }
}

/// A failure that stops a benchmark section: a missing file or an invalid search space.
public struct BenchError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
