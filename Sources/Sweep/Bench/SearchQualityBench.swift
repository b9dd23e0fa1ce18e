import Explore
import Foundation
import StreamTune

/// The `search_quality` section: hypervolume against evaluations for every strategy.
///
/// On the small space the true front is known: exhaustive enumeration evaluates every valid
/// design, and each run's hypervolume is reported as a ratio to the true front's. On the
/// large space the reference front is the best known one, the front of the union of every
/// run's feasible designs. Each space has one hypervolume reference point for every run: per
/// objective, the worst value on the reference front (its nadir) plus 10 % of the front's
/// range, in the objective's own units. Designs worse than the nadir add little or nothing,
/// so the ratio separates strategies that reach the front from those that do not.
enum SearchQualityBench {
  /// The result of one space: long-form rows, the pivot of medians, and the plot.
  struct SpaceOutcome {
    var rows: [[String]]
    var medians: BenchTable
    var plotFile: String
    var plot: String
    var summary: [String]
  }

  static let header = [
    "space", "strategy", "seed", "checkpoint_evaluations", "evaluations_done", "feasible",
    "hypervolume", "hypervolume_ratio", "reference_front", "time_limited", "copied",
  ]

  static func run(
    _ settings: BenchSettings, strategies: [String], largeRuns: () throws(BenchError) -> [BenchRun]
  ) throws(BenchError) -> BenchSectionResult {
    let small = try smallSpaceOutcome(settings, strategies: strategies)
    let largeSpace = try CostModelBench.load(settings.spacePath(settings.largeSpace))
    let large = try outcome(
      space: largeSpace, name: settings.largeSpace, runs: try largeRuns(),
      checkpoints: settings.largeCheckpoints, trueFront: nil)

    let long = BenchTable(
      name: "search_quality", title: "Hypervolume at each checkpoint, every run",
      table: CSVTable(header: header, rows: small.rows + large.rows),
      notes: [
        "One row per space, strategy, seed and checkpoint. evaluations_done is below the checkpoint when the strategy ran out of proposals first."
      ], inReport: false)
    return BenchSectionResult(
      section: .searchQuality, tables: [small.medians, large.medians, long],
      files: [small.plotFile: small.plot, large.plotFile: large.plot],
      summary: small.summary + large.summary)
  }

  /// Runs every strategy on the small space, with the true front from exhaustive enumeration.
  static func smallSpaceOutcome(_ settings: BenchSettings, strategies: [String])
    throws(BenchError) -> SpaceOutcome
  {
    let space = try CostModelBench.load(settings.spacePath(settings.smallSpace))
    let search = BenchSearch(space: space, trackedRequest: nil)
    let everything = search.run(strategy: "exhaustive", seed: 1, budget: .max)
    guard everything.failure == nil, everything.finishedEarly else {
      throw BenchError(
        "cannot enumerate \(settings.smallSpace) for its true front: \(everything.failure ?? "too large")"
      )
    }
    let budget = settings.smallCheckpoints.max() ?? 0
    let runs = search.runAll(
      strategies: strategies, seeds: settings.seeds, budget: budget,
      timeLimit: settings.runTimeLimitSeconds,
      workers: ProcessInfo.processInfo.activeProcessorCount)
    return try outcome(
      space: space, name: settings.smallSpace, runs: runs, checkpoints: settings.smallCheckpoints,
      trueFront: everything.observations)
  }

  /// Hypervolumes of runs at checkpoints, against the true front when given and the union of
  /// the runs otherwise.
  static func outcome(
    space: SearchSpace, name: String, runs: [BenchRun], checkpoints: [Int],
    trueFront: [BenchObservation]?
  ) throws(BenchError) -> SpaceOutcome {
    let directions: [Direction] = space.objectives.map {
      $0.direction == .maximize ? .maximize : .minimize
    }
    let front = trueFront ?? runs.flatMap(\.observations)
    let frontLabel = trueFront == nil ? "best known (union of all runs)" : "true (exhaustive)"
    let feasibleFront = paretoFront(front, directions)
    let reference = referencePoint(feasibleFront.map(\.objectives), directions)
    let bestVolume = try reference.map { point throws(BenchError) in
      try volume(feasibleFront, reference: point, directions)
    }

    var rows: [[String]] = []
    var ratios: [String: [Int: [Double]]] = [:]
    for run in runs where run.failure == nil {
      for checkpoint in checkpoints {
        let prefix = run.observations.prefix(checkpoint)
        let feasible = prefix.filter(\.feasible)
        let value = try reference.map { point throws(BenchError) in
          try volume(Array(feasible), reference: point, directions)
        }
        let ratio = value.flatMap { v in bestVolume.map { $0 > 0 ? v / $0 : .nan } } ?? .nan
        ratios[run.strategy, default: [:]][checkpoint, default: []].append(ratio)
        rows.append([
          name, run.strategy, String(run.seed), String(checkpoint), String(prefix.count),
          String(feasible.count), value.map { BenchStatistics.format($0, digits: 6) } ?? "nan",
          BenchStatistics.format(ratio, digits: 4), frontLabel, String(run.timeLimited),
          String(run.copied),
        ])
      }
    }

    let strategies = uniqueStrategies(runs.filter { $0.failure == nil })
    let pivotRows = strategies.map { strategy in
      let own = runs.filter { $0.strategy == strategy && $0.failure == nil }
      return [name, strategy]
        + checkpoints.map { checkpoint in
          BenchStatistics.format(
            BenchStatistics.median(ratios[strategy]?[checkpoint] ?? []), digits: 3)
        }
        + [
          BenchStatistics.format(BenchStatistics.median(own.map { Double($0.observations.count) })),
          BenchStatistics.format(BenchStatistics.median(own.map(\.seconds)), digits: 3),
        ]
    }
    var notes = [
      "Median over seeds of the hypervolume ratio to the \(frontLabel) front at each evaluation count.",
      "evaluations: the median count a run reached. run_s: the median wall-clock time of one run, while runs share the cores and the evaluator's caches.",
      "Hypervolume reference point: \(referenceText(reference, space.objectives)).",
    ]
    notes += runNotes(
      runs, ratiosAboveOne: ratios.values.contains { $0.values.joined().contains { $0 > 1 + 1e-9 } }
    )
    let stem = (name as NSString).deletingPathExtension
    let medians = BenchTable(
      name: "search_quality_\(stem)", title: "Hypervolume ratio against evaluations: \(name)",
      table: CSVTable(
        header: ["space", "strategy"] + checkpoints.map { "hv_ratio_at_\($0)" }
          + ["evaluations", "run_s"],
        rows: pivotRows),
      notes: notes)
    let plot = LinePlot(
      series: strategies.map { strategy in
        LinePlot.Series(
          label: strategy,
          points: checkpoints.map { checkpoint in
            (Double(checkpoint), BenchStatistics.median(ratios[strategy]?[checkpoint] ?? []))
          })
      }, xTitle: "evaluations",
      yTitle: "hypervolume / \(trueFront == nil ? "best known" : "true") hypervolume",
      logX: true,
      title: "Search quality on \(name) (median of \(Set(runs.map(\.seed)).count) seeds)")
    let last = checkpoints.max() ?? 0
    let summary = pivotRows.map { row in
      "search_quality \(name) \(row[1]): median hypervolume ratio \(row[row.count - 3]) at \(last) evaluations, \(row[row.count - 1]) s per run"
    }
    return SpaceOutcome(
      rows: rows, medians: medians, plotFile: "search_quality_\(stem).svg", plot: plot.svg(),
      summary: summary)
  }

  /// Formats the reference point as text, such as "latency_ms 2.5, dsp 1200".
  static func referenceText(_ reference: [Double]?, _ objectives: [Objective]) -> String {
    guard let reference else { return "none (no feasible design)" }
    return zip(objectives, reference).map {
      "\($0.metric.rawValue) \(BenchStatistics.format($1, digits: 6))"
    }.joined(separator: ", ")
  }

  /// Notes on runs that failed, hit the time limit or were copied from another seed.
  static func runNotes(_ runs: [BenchRun], ratiosAboveOne: Bool) -> [String] {
    var notes: [String] = []
    let failed = runs.filter { $0.failure != nil }
    for strategy in uniqueStrategies(failed) {
      let reason = failed.first { $0.strategy == strategy }?.failure ?? ""
      notes.append("\(strategy) did not run: \(reason)")
    }
    let limited = runs.filter(\.timeLimited)
    for strategy in uniqueStrategies(limited) {
      let count = limited.filter { $0.strategy == strategy }.count
      let total = runs.filter { $0.strategy == strategy }.count
      notes.append(
        "\(strategy): the per-run time limit stopped \(count) of \(total) runs before the last evaluation count; later columns repeat the value reached."
      )
    }
    let copied = uniqueStrategies(runs.filter(\.copied))
    if !copied.isEmpty {
      notes.append(
        "\(copied.joined(separator: ", ")) proposed the same designs with the first two seeds, so their other seeds reuse the first seed's run."
      )
    }
    if ratiosAboveOne {
      notes.append(
        "A ratio above 1 means a strategy found designs outside the space's variables that dominate part of its front: the streamtensor strategy proposes the preset's own designs."
      )
    }
    return notes
  }

  /// Returns the feasible, non-dominated observations.
  static func paretoFront(_ observations: [BenchObservation], _ directions: [Direction])
    -> [BenchObservation]
  {
    var archive = ParetoArchive<Int>(directions: directions)
    for (index, observation) in observations.enumerated()
    where observation.feasible && observation.objectives.allSatisfy(\.isFinite) {
      archive.insert(observation.objectives, payload: index)
    }
    return archive.members.map { observations[$0.payload] }
  }

  /// Returns the reference point in the objectives' own directions, or `nil` without points.
  ///
  /// Per objective it is the worst value of the points plus 10 % of their range. With a range
  /// of 0 the margin is 10 % of the value, or 1 when the value is 0 too.
  static func referencePoint(_ points: [[Double]], _ directions: [Direction]) -> [Double]? {
    guard !points.isEmpty else { return nil }
    return directions.indices.map { objective in
      let values = points.map { $0[objective] }
      let low = values.min()!
      let high = values.max()!
      let margin = high > low ? 0.1 * (high - low) : (high != 0 ? 0.1 * abs(high) : 1)
      return directions[objective] == .minimize ? high + margin : low - margin
    }
  }

  static func volume(
    _ observations: [BenchObservation], reference: [Double], _ directions: [Direction]
  ) throws(BenchError) -> Double {
    var archive = ParetoArchive<Int>(directions: directions)
    for observation in observations where observation.objectives.allSatisfy(\.isFinite) {
      archive.insert(observation.objectives, payload: 0)
    }
    do {
      return try archive.hypervolume(reference: reference)
    } catch {
      throw BenchError("hypervolume failed: \(error.description)")
    }
  }

  static func uniqueStrategies(_ runs: [BenchRun]) -> [String] {
    var seen: [String] = []
    for run in runs where !seen.contains(run.strategy) { seen.append(run.strategy) }
    return seen
  }
}
