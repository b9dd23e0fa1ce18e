import Explore
import Foundation

/// A Markdown summary of one run folder: counts, time, the best design per objective and the
/// knee of the front.
public enum MarkdownReport {
  /// Builds the report of a folder holding `evaluations.csv` (and usually `run.json`).
  ///
  /// - Parameters:
  ///   - folder: The run folder.
  ///   - objectives: The objectives; defaults to those recorded in `run.json`.
  /// - Throws: `ResultError` for a missing journal or unknown objective columns.
  public static func make(folder: String, objectives given: [ResultObjective]?) throws(ResultError)
    -> String
  {
    let journal = (folder as NSString).appendingPathComponent("evaluations.csv")
    let table = try ResultTable.load([journal])
    guard let objectives = given ?? ResultTable.recordedObjectives(besides: journal) else {
      throw ResultError(
        "\(folder) has no run.json with objectives; pass --objectives COLUMN[:min|:max],...")
    }
    let front = try ResultTable.front(table, objectives: objectives)
    let run = runRecord(folder)
    let feasibleColumn = table.column("feasible")
    let feasible = table.rows.filter { feasibleColumn == nil || $0[feasibleColumn!] == "true" }
    let evaluationMs = table.column("evaluation_time_ms").map { column in
      table.rows.reduce(0.0) { $0 + (Double($1[column]) ?? 0) }
    }

    var lines: [String] = []
    lines.append("# Sweep report: \((folder as NSString).lastPathComponent)")
    lines.append("")
    lines.append("All figures are estimates of StreamTune's analytic cost model, not measurements.")
    lines.append("")
    lines.append("| item | value |")
    lines.append("| --- | --- |")
    if let run {
      for key in ["search_space", "search_space_hash", "strategy", "seed", "batch_size", "end"] {
        if let value = run[key] { lines.append("| \(key.replacingOccurrences(of: "_", with: " ")) | \(value) |") }
      }
      if let elapsed = run["elapsed_seconds"] as? Double {
        lines.append("| wall-clock time | \(String(format: "%.1f", elapsed)) s |")
      }
    }
    lines.append("| evaluations | \(table.rows.count) |")
    lines.append("| feasible | \(feasible.count) |")
    lines.append("| Pareto-front size | \(front.rows.count) |")
    if let evaluationMs {
      lines.append("| evaluation time (sum over rows) | \(String(format: "%.1f", evaluationMs / 1000)) s |")
    }
    lines.append("")
    lines.append(
      "Objectives: " + objectives.map { "\($0.column) (\($0.direction.rawValue))" }.joined(separator: ", ")
        + ".")
    lines.append("")

    lines.append("## Best design per objective (feasible rows)")
    lines.append("")
    var picks: [(String, [String])] = []
    let feasibleTable = CSVTable(header: table.header, rows: feasible)
    for objective in objectives {
      if let position = try ResultOperations.best(feasibleTable, objective: objective) {
        picks.append(("best \(objective.column)", feasible[position]))
      }
    }
    if let knee = try ResultOperations.knee(front, objectives: objectives) {
      picks.append(("knee", front.rows[knee]))
    }
    lines += designTable(picks, header: table.header, objectives: objectives)
    lines.append("")
    lines.append(
      "The knee is the front member closest to the ideal point after scaling each objective to [0, 1] over the front."
    )
    lines.append("")
    return lines.joined(separator: "\n")
  }

  private static func designTable(
    _ picks: [(String, [String])], header: [String], objectives: [ResultObjective]
  ) -> [String] {
    guard !picks.isEmpty else { return ["No feasible design was found."] }
    let skipped: Set<String> = [
      "strategy", "feasible", "constraint_violation", "infeasible_reason", "evaluation_time_ms",
    ]
    let columns = header.indices.filter { !skipped.contains(header[$0]) }
    var lines = ["| column | " + picks.map(\.0).joined(separator: " | ") + " |"]
    lines.append("| --- |" + String(repeating: " --- |", count: picks.count))
    for column in columns {
      lines.append("| \(header[column]) | " + picks.map { $0.1[column] }.joined(separator: " | ") + " |")
    }
    return lines
  }

  private static func runRecord(_ folder: String) -> [String: Any]? {
    let path = (folder as NSString).appendingPathComponent("run.json")
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  }
}
