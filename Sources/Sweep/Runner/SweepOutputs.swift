import Explore
import Foundation

/// Files a sweep leaves in its output folder besides the journal.
public enum SweepOutputs {
  /// A failure writing an output file.
  public struct Error: Swift.Error, CustomStringConvertible {
    public var description: String
  }

  /// The tool's version, recorded in `run.json` and emitted designs.
  public static let toolVersion = "0.1.0"

  /// Writes `pareto.csv`: the feasible, non-dominated rows of `evaluations.csv`, sorted by the
  /// first objective, with the journal's columns.
  ///
  /// - Complexity: Two streaming passes over the journal; memory grows with the front only.
  public static func writeFront(folder: String, layout: SweepLayout, problem: any SweepProblem)
    throws(Error)
  {
    let journalPath = (folder as NSString).appendingPathComponent("evaluations.csv")
    var archive = ParetoArchive<Int>(directions: problem.directions)
    guard var reader = LineReader(path: journalPath) else {
      throw Error(description: "cannot read \(journalPath)")
    }
    _ = reader.next()
    var lineNumber = 0
    while let line = reader.next() {
      lineNumber += 1
      guard let row = try? CSVTable.parse(layout.headerLine + line).table.rows.first,
        let decoded = layout.decode(row), decoded.result.feasible
      else { continue }
      archive.insert(problem.objectives(of: decoded.result), payload: lineNumber)
    }
    var firstObjective: [Int: Double] = [:]
    for member in archive.members { firstObjective[member.payload] = member.minimized.first ?? 0 }
    var kept: [(key: Double, line: String)] = []
    guard var second = LineReader(path: journalPath) else {
      throw Error(description: "cannot read \(journalPath)")
    }
    _ = second.next()
    lineNumber = 0
    while let line = second.next() {
      lineNumber += 1
      guard let value = firstObjective[lineNumber] else { continue }
      kept.append((value, line))
    }
    kept.sort { $0.key < $1.key }
    let text = layout.headerLine + kept.map { $0.line + "\n" }.joined()
    try write(text, to: (folder as NSString).appendingPathComponent("pareto.csv"))
  }

  /// Writes `pareto.svg`: every evaluation in the first two objectives, the front highlighted.
  ///
  /// A sweep of more than 20,000 rows draws a deterministic sample of every k-th row besides
  /// the full front; the journal is streamed, never read whole.
  public static func writePlot(folder: String, problem: any SweepProblem) throws(Error) {
    guard problem.objectiveIndices.count >= 2 else { return }
    let journalPath = (folder as NSString).appendingPathComponent("evaluations.csv")
    let frontPath = (folder as NSString).appendingPathComponent("pareto.csv")
    do {
      let objectives = zip(problem.objectiveColumns, problem.directions).map {
        ResultObjective(column: $0, direction: $1)
      }
      let front = try ResultTable.load([frontPath])
      let table = try sampledJournal(journalPath, keeping: Set(front.rows), limit: 20_000)
      let plot = try ResultOperations.plot(
        table, x: objectives[0].column, y: objectives[1].column, objectives: objectives,
        color: table.column("feasible") == nil ? nil : "feasible", logX: false, logY: false,
        title: "Pareto front: \((problem.spacePath as NSString).lastPathComponent)")
      try write(plot.svg(), to: (folder as NSString).appendingPathComponent("pareto.svg"))
    } catch let error as ResultError {
      throw Error(description: error.description)
    } catch let error as Error {
      throw error
    } catch {
      throw Error(description: "\(error)")
    }
  }

  /// The journal's header and at most about `limit` of its rows, every k-th row plus every
  /// row in `keeping`, read in two streaming passes so a journal of millions of rows never sits
  /// in memory whole.
  static func sampledJournal(_ path: String, keeping: Set<[String]>, limit: Int) throws(Error)
    -> CSVTable
  {
    guard var counter = LineReader(path: path) else {
      throw Error(description: "cannot read \(path)")
    }
    var rowCount = -1
    while counter.next() != nil { rowCount += 1 }
    let stride = max(1, rowCount / limit + 1)

    guard var reader = LineReader(path: path), let headerLine = reader.next() else {
      throw Error(description: "cannot read \(path)")
    }
    var header: [String] = []
    do {
      header = try CSVTable.parse(headerLine + "\n").table.header
    } catch {
      throw Error(description: "\(path): \(error.description)")
    }
    var rows: [[String]] = []
    var position = 0
    while let line = reader.next() {
      defer { position += 1 }
      guard let row = try? CSVTable.parse(headerLine + "\n" + line).table.rows.first,
        row.count == header.count
      else { continue }
      if position % stride == 0 || keeping.contains(row) { rows.append(row) }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Writes `run.json`: what ran, on what, with which seed, and how it ended.
  public static func writeRunRecord(
    folder: String, settings: SweepSettings, problem: any SweepProblem, summary: SweepSummary,
    reference: [Double]?, started: Date
  ) throws(Error) {
    let formatter = ISO8601DateFormatter()
    let record = RunRecord(
      tool: "streamtune", version: toolVersion, searchSpace: problem.spacePath,
      searchSpaceHash: problem.spaceHash, strategy: settings.strategy,
      options: settings.options, seed: settings.seed, batchSize: settings.batchSize,
      jobs: settings.jobs, budget: settings.budget, timeLimitSeconds: settings.timeLimitSeconds,
      shard: "\(settings.shardIndex)/\(settings.shardCount)",
      objectives: zip(problem.objectiveColumns, problem.directions).map {
        RunRecord.Objective(column: $0, direction: $1.rawValue)
      },
      hypervolumeReference: reference,
      hypervolumeNote:
        "hypervolume of the feasible front in the objectives' own units, against hypervolume_reference (maximised objectives bounded below by it, minimised ones above)",
      hypervolume: summary.hypervolume, startedAt: formatter.string(from: started),
      endedAt: formatter.string(from: Date()), end: summary.end.rawValue,
      evaluations: summary.evaluations, replayed: summary.replayed, feasible: summary.feasible,
      frontSize: summary.frontSize, elapsedSeconds: summary.elapsedSeconds)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    guard let data = try? encoder.encode(record) else {
      throw Error(description: "cannot encode run.json")
    }
    try write(
      String(decoding: data, as: UTF8.self) + "\n",
      to: (folder as NSString).appendingPathComponent("run.json"))
  }

  /// Writes a file atomically (a temporary file renamed into place), so a reader never sees
  /// half of it.
  public static func write(_ text: String, to path: String) throws(Error) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw Error(description: "cannot write \(path): \(error.localizedDescription)")
    }
  }
}

/// The contents of `run.json`.
struct RunRecord: Encodable {
  struct Objective: Encodable {
    var column: String
    var direction: String
  }

  var tool: String
  var version: String
  var searchSpace: String
  var searchSpaceHash: String
  var strategy: String
  var options: [String: String]
  var seed: UInt64
  var batchSize: Int
  var jobs: Int
  var budget: Int?
  var timeLimitSeconds: Double?
  var shard: String
  var objectives: [Objective]
  var hypervolumeReference: [Double]?
  var hypervolumeNote: String
  var hypervolume: Double
  var startedAt: String
  var endedAt: String
  var end: String
  var evaluations: Int
  var replayed: Int
  var feasible: Int
  var frontSize: Int
  var elapsedSeconds: Double
}

extension SweepLayout {
  /// The header as one CSV line.
  var headerLine: String { CSVTable.line(header) }
}
