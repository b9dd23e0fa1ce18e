import Explore
import Foundation
import Sweep

/// A grid space of four variables with eight values each, where variable 1 may not exceed
/// variable 0, and a two-objective evaluator: a small stand-in for a search space and its
/// cost model.
struct GridProblem: SweepProblem {
  struct Space: EncodedSpace {
    let variableCount = 4
    func valueCount(of variable: Int) -> Int { 8 }
    func isValid(_ configuration: [Int]) -> Bool { configuration[1] <= configuration[0] }
    func isActive(_ variable: Int, in configuration: [Int]) -> Bool { true }
    func features(of variable: Int, valueIndex: Int) -> [Double] { [Double(valueIndex) / 7] }
    func name(of variable: Int) -> String { "x\(variable)" }
    func valueText(of variable: Int, valueIndex: Int) -> String { "\(1 << valueIndex)" }
  }

  var space: any EncodedSpace { Space() }
  let metricColumns = ["area_mm2", "latency_ms", "power_w"]
  let objectiveIndices = [0, 1]
  let directions: [Direction] = [.minimize, .minimize]
  let spaceHash = "test"
  let spacePath = "grid.json"

  func evaluate(_ configuration: [Int]) -> SweepResult {
    let x = configuration.map(Double.init)
    let area = 1 + x[0] + 2 * x[1] + 0.5 * x[2] * x[2] / 7 + x[3]
    let latency = 100 / (1 + x[0] + x[1] * x[2] / 4) + 10 / (1 + x[3])
    let feasible = configuration[3] != 7
    return SweepResult(
      metrics: [area, latency, area * 0.1 + 1 / latency], feasible: feasible,
      violation: feasible ? 0 : 0.1 + x[2] / 7, reason: feasible ? "" : "x3, at its maximum, over cap")
  }
}

/// A fresh temporary folder removed by the caller.
func temporaryFolder(_ name: String) -> String {
  let path = NSTemporaryDirectory() + "streamtune-\(name)-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// The rows of a CSV file without the timing column, for comparing runs.
func rowsWithoutTiming(_ path: String) throws -> [[String]] {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  let table = try CSVTable.parse(text).table
  let timing = table.column("evaluation_time_ms")!
  return table.rows.map { row in row.enumerated().filter { $0.offset != timing }.map(\.element) }
}
