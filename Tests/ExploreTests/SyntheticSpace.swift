import Foundation

@testable import Explore

/// A small grid space with a validity rule and two conflicting objectives, for strategy tests.
///
/// Variables 0 to 3 take values 0...7; a configuration is valid when variable 1 does not exceed
/// variable 0 (as unroll may not exceed tile). The objectives trade "size" against "speed".
struct SyntheticSpace: EncodedSpace {
  let variableCount = 4

  func valueCount(of variable: Int) -> Int { 8 }

  func isValid(_ configuration: [Int]) -> Bool { configuration[1] <= configuration[0] }

  func isActive(_ variable: Int, in configuration: [Int]) -> Bool { true }

  func features(of variable: Int, valueIndex: Int) -> [Double] { [Double(valueIndex) / 7] }

  func name(of variable: Int) -> String { "x\(variable)" }

  func valueText(of variable: Int, valueIndex: Int) -> String { "\(valueIndex)" }

  /// Objectives (both minimised): an area that grows with every variable, and a latency that
  /// falls with them, with an interaction so the front is not trivial. Points with x3 = 7 are
  /// infeasible, with violation x2 / 7.
  func evaluate(_ configuration: [Int]) -> Observation {
    let x = configuration.map(Double.init)
    let area = 1 + x[0] + 2 * x[1] + 0.5 * x[2] * x[2] / 7 + x[3]
    let latency = 100 / (1 + x[0] + x[1] * x[2] / 4) + 10 / (1 + x[3])
    let feasible = configuration[3] != 7
    return Observation(
      configuration: configuration, objectives: [area, latency], feasible: feasible,
      violation: feasible ? 0 : 0.1 + x[2] / 7)
  }

  /// Every valid configuration, for ground truth.
  func allConfigurations() -> [[Int]] {
    var result: [[Int]] = []
    for a in 0..<8 {
      for b in 0..<8 {
        for c in 0..<8 {
          for d in 0..<8 where isValid([a, b, c, d]) { result.append([a, b, c, d]) }
        }
      }
    }
    return result
  }
}
