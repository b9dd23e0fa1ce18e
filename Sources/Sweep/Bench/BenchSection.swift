import Foundation

/// The parts of `streamtune bench`, in the order they run.
public enum BenchSection: String, CaseIterable, Sendable {
  /// Cost-model evaluations per second per core, per search space and per model size.
  case costModel = "cost_model"
  /// Gaussian-process fit and prediction times.
  case gaussianProcess = "gaussian_process"
  /// CLP and CBC solve times of a FIFO LP and an allocation MILP.
  case solvers
  /// Hypervolume against evaluations for every strategy.
  case searchQuality = "search_quality"
  /// Each strategy's best [32:32] latency at StreamTensor's DSP count.
  case versusStreamTensor = "versus_streamtensor"
  /// Peak resident memory of a long random sweep.
  case memory

  /// Parses a comma-separated list of section names.
  ///
  /// - Returns: The sections in run order, or the unknown names.
  public static func parseList(_ text: String) -> Result<[BenchSection], BenchListError> {
    var chosen = Set<BenchSection>()
    var unknown: [String] = []
    for part in text.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces)
      if let section = BenchSection(rawValue: name) {
        chosen.insert(section)
      } else {
        unknown.append(name)
      }
    }
    if !unknown.isEmpty || chosen.isEmpty { return .failure(BenchListError(unknown: unknown)) }
    return .success(allCases.filter { chosen.contains($0) })
  }
}

/// Section names that `BenchSection.parseList` does not know.
public struct BenchListError: Error, Sendable, CustomStringConvertible {
  public var unknown: [String]

  public var description: String {
    let known = BenchSection.allCases.map(\.rawValue).joined(separator: ", ")
    if unknown.isEmpty { return "no section given; sections: \(known)" }
    let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
    let hint =
      unknown.count == 1
      ? DidYouMeanText.hint(unknown[0], BenchSection.allCases.map(\.rawValue)) : ""
    return "unknown section \(names)\(hint); sections: \(known)"
  }
}

/// One table of results: written as `<name>.csv` and as a Markdown table in `bench.md`.
public struct BenchTable: Sendable {
  /// The CSV file's stem.
  public var name: String
  public var title: String
  public var table: CSVTable
  /// Sentences printed under the Markdown table: units, references, caveats.
  public var notes: [String]
  /// Whether `bench.md` shows the table; long tables are written as CSV only.
  public var inReport: Bool

  public init(
    name: String, title: String, table: CSVTable, notes: [String] = [], inReport: Bool = true
  ) {
    self.name = name
    self.title = title
    self.table = table
    self.notes = notes
    self.inReport = inReport
  }
}

/// The tables, files and summary of one section.
public struct BenchSectionResult: Sendable {
  public var section: BenchSection
  public var tables: [BenchTable]
  /// Other files to write into the output folder (an SVG plot), by file name.
  public var files: [String: String]
  /// Lines for the command's summary on standard output.
  public var summary: [String]
  /// Wall-clock seconds the section took.
  public var seconds: Double

  public init(
    section: BenchSection, tables: [BenchTable], files: [String: String] = [:],
    summary: [String], seconds: Double = 0
  ) {
    self.section = section
    self.tables = tables
    self.files = files
    self.summary = summary
    self.seconds = seconds
  }
}
