import Foundation
import StreamTune

/// The JSON forms of an evaluation, and the JSON-lines protocol of `evaluate --stdin`.
enum EvaluateProtocol {
  /// Answers every line of standard input with one line of standard output.
  ///
  /// - Returns: Success at the end of input; lines that cannot be read get an error object and
  ///   do not stop the loop.
  static func serve(evaluator: SpaceEvaluator, console: inout Console) -> ExitCode {
    var lineNumber = 0
    while let line = readLine(strippingNewline: true) {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      console.output(answer(line, lineNumber: lineNumber, evaluator: evaluator))
    }
    return .success
  }

  static func answer(_ line: String, lineNumber: Int, evaluator: SpaceEvaluator) -> String {
    let space = evaluator.space
    let point: DesignPoint
    do {
      let root = try InputFile.parse(Array(line.utf8), file: "stdin line \(lineNumber)")
      if let preset = root["preset"] {
        guard preset.stringValue == "streamtensor" else {
          return errorLine(lineNumber, "unknown preset \(preset.excerpt); presets: streamtensor")
        }
        let tile = root["default_tile"]?.intValue ?? PresetDefaults.defaultTile
        let budget = root["unroll_budget"]?.intValue ?? PresetDefaults.unrollBudget
        guard tile >= 1, budget >= 1 else {
          return errorLine(lineNumber, "default_tile and unroll_budget must be positive integers")
        }
        point = PresetDefaults.streamTensor(space: space, defaultTile: tile, unrollBudget: budget)
      } else {
        let (assignment, _) = try space.design.assignment(
          fromConfiguration: root, file: "stdin line \(lineNumber)")
        point = space.design.designPoint(for: assignment)
      }
    } catch {
      return errorLine(lineNumber, error.problems.map(\.description).joined(separator: "; "))
    }
    var object = summaryObject(evaluator.evaluate(point: point))
    object["line"] = lineNumber
    return encode(object)
  }

  /// The evaluation as JSON: the summary, plus the cost model's whole breakdown when `full`.
  static func json(_ evaluation: SpaceEvaluation, full: Bool) -> String {
    var object = summaryObject(evaluation)
    if full,
      let data = try? JSONEncoder().encode(evaluation.metrics),
      let breakdown = try? JSONSerialization.jsonObject(with: data)
    {
      object["breakdown"] = breakdown
    }
    return encode(object, pretty: full)
  }

  private static func summaryObject(_ evaluation: SpaceEvaluation) -> [String: Any] {
    var metrics: [String: Any] = [:]
    for metric in Metric.allCases {
      let value = SpaceEvaluator.value(of: metric, in: evaluation.metrics)
      metrics[metric.rawValue] = value.isFinite ? value : NSNull()
    }
    return [
      "feasible": evaluation.feasible, "violation": evaluation.violation,
      "reasons": evaluation.reasons, "metrics": metrics,
      "note": "estimates of StreamTune's analytic cost model",
    ]
  }

  private static func errorLine(_ line: Int, _ message: String) -> String {
    encode(["line": line, "error": message])
  }

  private static func encode(_ object: [String: Any], pretty: Bool = false) -> String {
    var options: JSONSerialization.WritingOptions = [.sortedKeys]
    if pretty { options.insert(.prettyPrinted) }
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else {
      return "{\"error\": \"cannot encode the result\"}"
    }
    return String(decoding: data, as: UTF8.self)
  }
}
