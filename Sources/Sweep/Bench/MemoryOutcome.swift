import Foundation

/// The figures of the long sweep of the `memory` section, and its tables.
struct MemoryOutcome {
  var requested: Int
  var evaluations: Int
  var seconds: Double
  var peakBytes: Double
  var samples: [MemoryBench.Sample]
  var finalJournalBytes: UInt64

  /// Journal bytes per evaluation row, to turn a sample's journal size into an evaluation
  /// count (an estimate: rows differ a little in length).
  var bytesPerRow: Double {
    evaluations > 0 ? Double(finalJournalBytes) / Double(evaluations) : .nan
  }

  /// Samples taken while the journal still grew, that is before the sweep's closing outputs.
  var evaluatingSamples: [MemoryBench.Sample] {
    samples.filter { $0.journalBytes > 0 && $0.journalBytes < finalJournalBytes }
  }

  /// Peak of the sampled RSS while evaluating, in bytes.
  var evaluatingPeakBytes: Double {
    Double(evaluatingSamples.map(\.rssBytes).max() ?? 0)
  }

  /// Least-squares slope of RSS against evaluations after the first fifth of the run, in bytes
  /// per 100,000 evaluations; NaN with fewer than three samples.
  var growthPer100k: Double {
    let points = evaluatingSamples.map {
      (x: Double($0.journalBytes) / bytesPerRow, y: Double($0.rssBytes))
    }.filter { $0.x >= 0.2 * Double(evaluations) }
    guard points.count >= 3 else { return .nan }
    let meanX = points.map(\.x).reduce(0, +) / Double(points.count)
    let meanY = points.map(\.y).reduce(0, +) / Double(points.count)
    let covariance = points.reduce(0.0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
    let variance = points.reduce(0.0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
    return variance > 0 ? covariance / variance * 100_000 : .nan
  }

  func result(_ settings: BenchSettings, peakSource: String) -> BenchSectionResult {
    let megabyte = 1_048_576.0
    let complete = evaluations >= requested
    let peakMB = peakBytes / megabyte
    let rows = [
      ["evaluations_requested", String(requested), "count"],
      ["evaluations_done", String(evaluations), "count"],
      ["wall_clock", BenchStatistics.format(seconds), "s"],
      [
        "evaluations_per_s", BenchStatistics.format(Double(evaluations) / max(seconds, 1e-9)),
        "1/s",
      ],
      ["peak_rss", BenchStatistics.format(peakMB), "MiB"],
      ["peak_rss_while_evaluating", BenchStatistics.format(evaluatingPeakBytes / megabyte), "MiB"],
      ["rss_growth_per_100k_evaluations", BenchStatistics.format(growthPer100k / megabyte), "MiB"],
      ["target_peak_rss", BenchStatistics.format(MemoryBench.targetMegabytes), "MiB"],
      ["target_met", peakMB < MemoryBench.targetMegabytes ? "yes" : "no", ""],
    ]
    var notes = [
      "A child `streamtune sweep` of \(settings.largeSpace) with one [32:32] request, strategy random, seed 1, \(ProcessInfo.processInfo.activeProcessorCount) jobs, limited to \(Int(settings.memoryTimeLimitSeconds)) s. peak_rss: \(peakSource), including the pareto.csv and pareto.svg written at the end; peak_rss_while_evaluating: the highest VmRSS sampled while the journal grew.",
      "rss_growth_per_100k_evaluations: least-squares slope of VmRSS against evaluations after the first fifth of the run (evaluations estimated from the journal size).",
    ]
    if !complete {
      notes.append(
        "Only \(evaluations) of \(requested) evaluations ran within the time limit: the figures are for \(evaluations) evaluations; extrapolate with the growth rate."
      )
    }
    let sampleRows = samples.map { sample in
      [
        BenchStatistics.format(sample.seconds),
        bytesPerRow.isFinite ? String(Int(Double(sample.journalBytes) / bytesPerRow)) : "",
        BenchStatistics.format(Double(sample.rssBytes) / megabyte),
      ]
    }
    let table = BenchTable(
      name: "memory", title: "Peak resident memory of a long sweep",
      table: CSVTable(header: ["figure", "value", "unit"], rows: rows), notes: notes)
    let sampleTable = BenchTable(
      name: "memory_samples", title: "Resident memory over the sweep",
      table: CSVTable(header: ["elapsed_s", "evaluations_estimate", "rss_mib"], rows: sampleRows),
      inReport: false)
    let summary = [
      "memory: \(evaluations) evaluations in \(BenchStatistics.format(seconds)) s, peak RSS "
        + "\(BenchStatistics.format(peakMB)) MiB (target < \(Int(MemoryBench.targetMegabytes)) MiB), "
        + "growth \(BenchStatistics.format(growthPer100k / megabyte)) MiB per 100k evaluations"
    ]
    return BenchSectionResult(section: .memory, tables: [table, sampleTable], summary: summary)
  }
}
