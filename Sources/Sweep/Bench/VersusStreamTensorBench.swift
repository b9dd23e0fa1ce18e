import Explore
import Foundation
import StreamTune

/// The `versus_streamtensor` section: how much lower a latency each strategy finds than
/// StreamTensor's own flow at no more DSP slices.
///
/// The `streamtensor` strategy's best design is its feasible design with the lowest latency
/// of the tracked request; its DSP count is the cap. For every other run, the best design is
/// the feasible design with the lowest latency of that request among those at or under the
/// cap. The ratio is that latency over StreamTensor's, so below 1 means faster at equal or
/// lower DSP use. When none of StreamTensor's designs is feasible, its lowest-latency design
/// serves as the baseline and a table note states it.
enum VersusStreamTensorBench {
  /// The request the comparison is made on, as input and output tokens.
  static let request = Request(inputTokens: 32, outputTokens: 32)

  static func run(_ settings: BenchSettings, runs: [BenchRun]) -> BenchSectionResult {
    let header = [
      "strategy", "seeds", "seeds_under_cap", "evaluations", "best_latency_ms_median",
      "best_latency_ms_min", "ratio_median", "ratio_min", "ratio_max", "dsp_of_best_median",
    ]
    let budget = settings.versusBudget
    var notes = [
      "Space \(settings.largeSpace), request \(request), at most \(budget) evaluations or \(BenchStatistics.format(settings.versusTimeLimitSeconds)) s per run (the evaluations column gives the most any seed reached), seeds \(settings.seeds.map(String.init).joined(separator: ", ")). Latencies are cost-model estimates.",
      "ratio = the strategy's best \(request) latency among feasible designs with at most the DSP count of the streamtensor strategy's best design, over that design's latency (below 1 is better).",
    ]

    let baselineRuns = runs.filter { $0.strategy == "streamtensor" && $0.failure == nil }
    let baselineDesigns = baselineRuns.flatMap(\.observations)
    let feasibleBaseline = bestDesign(baselineDesigns, dspCap: .infinity)
    guard
      let baseline = feasibleBaseline
        ?? bestDesign(baselineDesigns, dspCap: .infinity, feasibleOnly: false)
    else {
      notes.append("The registry has no streamtensor strategy, or it could not run on this space.")
      return BenchSectionResult(
        section: .versusStreamTensor,
        tables: [
          BenchTable(
            name: "versus_streamtensor",
            title: "Best \(request) latency at StreamTensor's DSP count",
            table: CSVTable(header: header), notes: notes)
        ], summary: ["versus_streamtensor: no streamtensor design; nothing to compare"])
    }
    notes.append(
      "streamtensor's best design: \(BenchStatistics.format(baseline.requestLatencyMs)) ms at \(Int(baseline.dsp)) DSP (the cap)."
    )
    if feasibleBaseline == nil {
      notes.append(
        "None of the streamtensor strategy's designs is feasible on this space, so its best design here is its lowest-latency infeasible one: the ratios compare feasible designs against an infeasible baseline."
      )
    }

    var rows: [[String]] = []
    var summary: [String] = []
    for strategy in SearchQualityBench.uniqueStrategies(runs) {
      let own = runs.filter { $0.strategy == strategy && $0.failure == nil }
      guard !own.isEmpty else { continue }
      let bests = own.compactMap { bestDesign($0.observations, dspCap: baseline.dsp) }
      let latencies = bests.map(\.requestLatencyMs)
      let ratios = latencies.map { $0 / baseline.requestLatencyMs }
      let evaluations = own.map(\.observations.count).max() ?? 0
      rows.append([
        strategy, String(own.count), String(bests.count), String(evaluations),
        BenchStatistics.format(BenchStatistics.median(latencies)),
        BenchStatistics.format(latencies.min() ?? .nan),
        BenchStatistics.format(BenchStatistics.median(ratios), digits: 3),
        BenchStatistics.format(ratios.min() ?? .nan, digits: 3),
        BenchStatistics.format(ratios.max() ?? .nan, digits: 3),
        BenchStatistics.format(BenchStatistics.median(bests.map(\.dsp))),
      ])
      summary.append(
        "versus_streamtensor \(strategy): median latency ratio \(rows.last![6]) "
          + "(\(bests.count) of \(own.count) seeds under the DSP cap)")
    }
    let table = BenchTable(
      name: "versus_streamtensor", title: "Best \(request) latency at StreamTensor's DSP count",
      table: CSVTable(header: header, rows: rows), notes: notes)
    return BenchSectionResult(section: .versusStreamTensor, tables: [table], summary: summary)
  }

  /// Returns the feasible observation (any one with `feasibleOnly` false) with the lowest
  /// tracked latency at or under a DSP cap.
  static func bestDesign(
    _ observations: [BenchObservation], dspCap: Double, feasibleOnly: Bool = true
  ) -> BenchObservation? {
    observations.filter {
      ($0.feasible || !feasibleOnly) && $0.dsp <= dspCap && $0.requestLatencyMs.isFinite
    }.min { ($0.requestLatencyMs, $0.dsp) < ($1.requestLatencyMs, $1.dsp) }
  }
}
