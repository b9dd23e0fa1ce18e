import Explore
import Foundation

/// An objective of a result file: a numeric column and its direction.
public struct ResultObjective: Sendable, Hashable {
  public var column: String
  public var direction: Direction

  public init(column: String, direction: Direction) {
    self.column = column
    self.direction = direction
  }

  /// Parses `column` or `column:min` / `column:max`; a bare name takes the usual direction of
  /// metrics with that name (throughput and tokens per joule are maximised).
  public static func parse(_ text: String) -> ResultObjective? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard let column = parts.first, !column.isEmpty, parts.count <= 2 else { return nil }
    if parts.count == 2 {
      switch parts[1] {
      case "min", "minimize": return ResultObjective(column: column, direction: .minimize)
      case "max", "maximize": return ResultObjective(column: column, direction: .maximize)
      default: return nil
      }
    }
    let maximised = column.contains("per_s") || column.contains("per_j")
    return ResultObjective(column: column, direction: maximised ? .maximize : .minimize)
  }
}

/// Errors reading or combining result files.
public struct ResultError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}

/// Reading result CSV files and the objectives recorded beside them.
public enum ResultTable {
  /// Reads and concatenates CSV files with identical headers.
  ///
  /// - Throws: `ResultError` naming the file that is missing, malformed or whose header
  ///   differs from the first file's.
  public static func load(_ paths: [String]) throws(ResultError) -> CSVTable {
    var combined: CSVTable?
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ResultError("\(path): file not found or not readable")
      }
      let table: CSVTable
      do {
        table = try CSVTable.parse(String(decoding: data, as: UTF8.self)).table
      } catch {
        throw ResultError("\(path): \(error.description)")
      }
      if let existing = combined {
        guard existing.header == table.header else {
          throw ResultError(
            "\(path): its columns differ from \(paths[0]); combine results of one search space only"
          )
        }
        combined!.rows += table.rows
      } else {
        combined = table
      }
    }
    guard let combined else { throw ResultError("no result files given") }
    return combined
  }

  /// The objectives recorded in the `run.json` next to a result file, if there is one.
  public static func recordedObjectives(besides path: String) -> [ResultObjective]? {
    let folder = (path as NSString).deletingLastPathComponent
    let runPath = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("run.json")
    guard let data = FileManager.default.contents(atPath: runPath),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object["objectives"] as? [[String: Any]]
    else { return nil }
    let objectives = list.compactMap { entry -> ResultObjective? in
      guard let column = entry["column"] as? String,
        let direction = (entry["direction"] as? String).flatMap(Direction.init(rawValue:))
      else { return nil }
      return ResultObjective(column: column, direction: direction)
    }
    return objectives.isEmpty ? nil : objectives
  }

  /// The feasible, non-dominated rows of a table, sorted by the first objective.
  ///
  /// Rows whose `feasible` column (when present) is not `true`, or whose objective values are
  /// not finite numbers, are left out. Of rows with equal objective values the first is kept.
  ///
  /// - Throws: `ResultError` when an objective column is missing.
  public static func front(_ table: CSVTable, objectives: [ResultObjective]) throws(ResultError)
    -> CSVTable
  {
    let columns = try objectiveColumns(table, objectives)
    let feasibleColumn = table.column("feasible")
    var archive = ParetoArchive<Int>(directions: objectives.map(\.direction))
    for (index, row) in table.rows.enumerated() {
      if let feasibleColumn, row[feasibleColumn] != "true" { continue }
      let values = columns.map { Double(row[$0]) ?? .nan }
      guard values.allSatisfy(\.isFinite) else { continue }
      archive.insert(values, payload: index)
    }
    let members = archive.members.sorted {
      ($0.minimized.first ?? 0, $0.payload) < ($1.minimized.first ?? 0, $1.payload)
    }
    return CSVTable(header: table.header, rows: members.map { table.rows[$0.payload] })
  }

  /// Positions of the objective columns.
  static func objectiveColumns(_ table: CSVTable, _ objectives: [ResultObjective])
    throws(ResultError) -> [Int]
  {
    var columns: [Int] = []
    for objective in objectives {
      guard let column = table.column(objective.column) else {
        let numeric = table.header.filter { $0.contains("_") || $0 == "dsp" || $0 == "lut" }
        throw ResultError(
          "no column \"\(objective.column)\"\(DidYouMeanText.hint(objective.column, numeric)); columns: \(table.header.joined(separator: ", "))"
        )
      }
      columns.append(column)
    }
    return columns
  }
}
