import Explore

/// The columns of `evaluations.csv` and how rows encode and decode.
///
/// Columns: `index`, `strategy`, one per decision variable (the value as written in the
/// search space), one per metric (unit in the name), `feasible`, `constraint_violation`,
/// `infeasible_reason`, `evaluation_time_ms`. Numbers are written in the shortest form that
/// reads back to the same `Double`, so a replayed run sees bit-identical values.
public struct SweepLayout: Sendable {
  public let header: [String]
  public let strategy: String
  private let space: any EncodedSpace
  private let metricCount: Int
  private let valueIndex: [[String: Int]]

  /// The first metric column's position.
  public var firstMetricColumn: Int { 2 + space.variableCount }

  public init(problem: any SweepProblem, strategy: String) {
    self.strategy = strategy
    self.space = problem.space
    self.metricCount = problem.metricColumns.count
    let variables = (0..<problem.space.variableCount).map { problem.space.name(of: $0) }
    header =
      ["index", "strategy"] + variables + problem.metricColumns
      + ["feasible", "constraint_violation", "infeasible_reason", "evaluation_time_ms"]
    valueIndex = (0..<problem.space.variableCount).map { variable in
      var lookup: [String: Int] = [:]
      for index in 0..<problem.space.valueCount(of: variable) {
        lookup[problem.space.valueText(of: variable, valueIndex: index)] = index
      }
      return lookup
    }
  }

  /// One journal row.
  public func encode(index: Int, configuration: [Int], result: SweepResult, seconds: Double)
    -> [String]
  {
    var fields = [String(index), strategy]
    for variable in configuration.indices {
      fields.append(space.valueText(of: variable, valueIndex: configuration[variable]))
    }
    for value in result.metrics { fields.append(Self.format(value)) }
    fields.append(result.feasible ? "true" : "false")
    fields.append(Self.format(result.violation))
    fields.append(result.reason.replacingNewlines())
    fields.append(Self.format((seconds * 1e6).rounded() / 1e3))
    return fields
  }

  /// The configuration and result of a journal row, or `nil` when a field cannot be read.
  public func decode(_ row: [String]) -> (configuration: [Int], result: SweepResult)? {
    guard row.count == header.count else { return nil }
    var configuration: [Int] = []
    for variable in 0..<space.variableCount {
      guard let index = valueIndex[variable][row[2 + variable]] else { return nil }
      configuration.append(index)
    }
    var metrics: [Double] = []
    for column in firstMetricColumn..<(firstMetricColumn + metricCount) {
      guard let value = Double(row[column]) else { return nil }
      metrics.append(value)
    }
    let tail = firstMetricColumn + metricCount
    guard let violation = Double(row[tail + 1]) else { return nil }
    let result = SweepResult(
      metrics: metrics, feasible: row[tail] == "true", violation: violation, reason: row[tail + 2])
    return (configuration, result)
  }

  /// The shortest text that reads back to the same value (`inf`, `nan` for non-finite).
  static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
