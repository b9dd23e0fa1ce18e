import Explore
import Foundation

/// Merging runs, choosing designs from a front, and plotting result tables.
public enum ResultOperations {
  /// Columns that differ between identical evaluations and are left out of the duplicate key.
  static let volatileColumns: Set<String> = ["index", "strategy", "evaluation_time_ms"]

  /// Combines the `evaluations.csv` of several run folders (or shards) into one table without
  /// duplicates, renumbering `index` in input order.
  ///
  /// - Throws: `ResultError` for a missing journal or differing columns.
  public static func merge(_ folders: [String]) throws(ResultError) -> CSVTable {
    let paths = folders.map { ($0 as NSString).appendingPathComponent("evaluations.csv") }
    let combined = try ResultTable.load(paths)
    let keyColumns = combined.header.indices.filter {
      !volatileColumns.contains(combined.header[$0])
    }
    var seen = Set<[String]>()
    var rows: [[String]] = []
    let indexColumn = combined.column("index")
    for row in combined.rows {
      let key = keyColumns.map { row[$0] }
      guard seen.insert(key).inserted else { continue }
      var renumbered = row
      if let indexColumn { renumbered[indexColumn] = String(rows.count) }
      rows.append(renumbered)
    }
    return CSVTable(header: combined.header, rows: rows)
  }

  /// The row of a front chosen by a rule: the best of one objective, or the knee.
  ///
  /// The knee is the member closest (Euclidean) to the ideal point after scaling every
  /// objective to [0, 1] over the front.
  ///
  /// - Returns: The row's position in `front.rows`, or `nil` for an empty front.
  public static func knee(_ front: CSVTable, objectives: [ResultObjective]) throws(ResultError)
    -> Int?
  {
    guard !front.rows.isEmpty else { return nil }
    let columns = try ResultTable.objectiveColumns(front, objectives)
    let values = front.rows.map { row in
      Dominance.minimizationForm(columns.map { Double(row[$0]) ?? .nan }, objectives.map(\.direction))
    }
    let lows = columns.indices.map { index in values.map { $0[index] }.min()! }
    let highs = columns.indices.map { index in values.map { $0[index] }.max()! }
    var best: (position: Int, distance: Double)?
    for (position, vector) in values.enumerated() {
      var distance = 0.0
      for index in vector.indices where highs[index] > lows[index] {
        let scaled = (vector[index] - lows[index]) / (highs[index] - lows[index])
        distance += scaled * scaled
      }
      if best == nil || distance < best!.distance { best = (position, distance) }
    }
    return best?.position
  }

  /// The position of the row with the best value of one objective.
  public static func best(_ table: CSVTable, objective: ResultObjective) throws(ResultError)
    -> Int?
  {
    let column = try ResultTable.objectiveColumns(table, [objective])[0]
    var best: (position: Int, value: Double)?
    for (position, row) in table.rows.enumerated() {
      guard let value = Double(row[column]), value.isFinite else { continue }
      let better =
        best == nil
        || (objective.direction == .minimize ? value < best!.value : value > best!.value)
      if better { best = (position, value) }
    }
    return best?.position
  }

  /// A scatter plot of a table's columns with its front highlighted.
  ///
  /// - Parameters:
  ///   - table: Result rows.
  ///   - x: Column on the horizontal axis.
  ///   - y: Column on the vertical axis.
  ///   - objectives: Objectives that define the highlighted front (feasible rows only).
  ///   - color: Optional column that colours the points.
  public static func plot(
    _ table: CSVTable, x: String, y: String, objectives: [ResultObjective], color: String?,
    logX: Bool, logY: Bool, title: String
  ) throws(ResultError) -> ScatterPlot {
    let columns = try ResultTable.objectiveColumns(
      table,
      [ResultObjective(column: x, direction: .minimize), ResultObjective(column: y, direction: .minimize)]
        + (color.map { [ResultObjective(column: $0, direction: .minimize)] } ?? []))
    let front = try ResultTable.front(table, objectives: objectives)
    let frontKeys = Set(front.rows)
    let points = table.rows.compactMap { row -> ScatterPlot.Point? in
      guard let xValue = Double(row[columns[0]]), let yValue = Double(row[columns[1]]) else {
        return nil
      }
      return ScatterPlot.Point(
        x: xValue, y: yValue, color: color == nil ? nil : row[columns[2]],
        onFront: frontKeys.contains(row))
    }
    return ScatterPlot(
      points: points, xColumn: x, yColumn: y, colorColumn: color, logX: logX, logY: logY,
      title: title)
  }
}
