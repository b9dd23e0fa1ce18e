import Explore
import Foundation
import Sweep

/// Reporting the error that stopped a result command, which is always invalid input.
enum InputFailure {
  /// Prints the error on standard error and returns exit code 2.
  static func report(_ error: any Error, console: inout Console) -> ExitCode {
    if let usage = error as? UsageError {
      console.diagnostic("error: \(usage.message)")
    } else {
      console.diagnostic("error: \(error)")
    }
    return .invalidInput
  }
}

/// Objectives from `--objectives`, or the ones recorded in `run.json` next to a result file.
enum ObjectiveOption {
  static let spec = OptionSpec.value(
    "objectives", "COL[:min|:max],...",
    help: "objective columns and directions; bare names of throughputs and tokens_per_j are maximised",
    default: "those in run.json next to the first file")

  static func objectives(_ arguments: ParsedArguments, besides path: String) throws(UsageError)
    -> [ResultObjective]
  {
    if let text = arguments.value("objectives") {
      var result: [ResultObjective] = []
      for part in text.split(separator: ",") {
        guard let objective = ResultObjective.parse(String(part)) else {
          throw UsageError(
            message: "invalid objective \"\(part)\" in --objectives; expected COLUMN, COLUMN:min or COLUMN:max")
        }
        result.append(objective)
      }
      guard !result.isEmpty else { throw UsageError(message: "--objectives names no column") }
      return result
    }
    guard let recorded = ResultTable.recordedObjectives(besides: path) else {
      throw UsageError(
        message: "no run.json with objectives next to \(path); pass --objectives COLUMN[:min|:max],...")
    }
    return recorded
  }
}

/// `streamtune pareto CSV...`: the Pareto front of one or more result files.
enum ParetoCommand: Subcommand {
  static let name = "pareto"
  static let summary = "recompute the Pareto front of result CSV files"
  static let positionals = [
    PositionalSpec(name: "CSV", help: "evaluations.csv or pareto.csv files with equal columns", isVariadic: true)
  ]
  static let options: [OptionSpec] = [
    ObjectiveOption.spec,
    .value("out", "FILE", help: "write the front here instead of standard output"),
  ]
  static let discussion = """
    Keeps feasible rows (a `feasible` column, when present, must be true) whose objectives are
    finite and not dominated, sorted by the first objective; of rows with equal objectives the
    first is kept. Example: streamtune pareto Results/a/evaluations.csv Results/b/evaluations.csv \
    --objectives latency_ms:min,dsp:min
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    do {
      let objectives = try ObjectiveOption.objectives(arguments, besides: arguments.positionals[0])
      let table = try ResultTable.load(arguments.positionals)
      let front = try ResultTable.front(table, objectives: objectives)
      if let out = arguments.value("out") {
        try SweepOutputs.write(front.text, to: out)
        console.diagnostic("\(front.rows.count) of \(table.rows.count) rows on the front; written to \(out)")
      } else {
        FileHandle.standardOutput.write(Data(front.text.utf8))
      }
      return .success
    } catch {
      return InputFailure.report(error, console: &console)
    }
  }
}

/// `streamtune merge DIR... --out DIR`: one run from several runs or shards.
enum MergeCommand: Subcommand {
  static let name = "merge"
  static let summary = "combine run folders or shards into one, without duplicates"
  static let positionals = [
    PositionalSpec(name: "DIR", help: "run folders holding evaluations.csv", isVariadic: true)
  ]
  static let options: [OptionSpec] = [
    .value("out", "DIR", help: "folder for the merged evaluations.csv, pareto.csv, pareto.svg and run.json"),
    ObjectiveOption.spec,
  ]
  static let discussion = """
    Rows are concatenated in the order of the folders; a row whose configuration and metrics
    equal an earlier row's is dropped, and `index` is renumbered. Example:
    streamtune merge Results/shard-0 Results/shard-1 --out Results/merged
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    guard let out = arguments.value("out") else {
      console.diagnostic("error: merge needs --out DIR")
      return .invalidInput
    }
    do {
      let folders = arguments.positionals
      let first = (folders[0] as NSString).appendingPathComponent("evaluations.csv")
      let objectives = try ObjectiveOption.objectives(arguments, besides: first)
      let merged = try ResultOperations.merge(folders)
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      let front = try ResultTable.front(merged, objectives: objectives)
      try SweepOutputs.write(merged.text, to: (out as NSString).appendingPathComponent("evaluations.csv"))
      try SweepOutputs.write(front.text, to: (out as NSString).appendingPathComponent("pareto.csv"))
      try MergeRecord.write(folders: folders, objectives: objectives, rows: merged.rows.count, front: front.rows.count, to: out)
      if objectives.count >= 2 {
        let plot = try ResultOperations.plot(
          merged, x: objectives[0].column, y: objectives[1].column, objectives: objectives,
          color: merged.column("feasible") == nil ? nil : "feasible", logX: false, logY: false,
          title: "Pareto front: merged runs")
        try SweepOutputs.write(plot.svg(), to: (out as NSString).appendingPathComponent("pareto.svg"))
      }
      console.output("\(merged.rows.count) distinct rows from \(folders.count) folders, front of \(front.rows.count); results in \(out)")
      return .success
    } catch {
      return InputFailure.report(error, console: &console)
    }
  }
}

/// The `run.json` of a merged folder.
enum MergeRecord {
  static func write(
    folders: [String], objectives: [ResultObjective], rows: Int, front: Int, to out: String
  ) throws {
    let record: [String: Any] = [
      "tool": "streamtune", "version": SweepOutputs.toolVersion, "merged_from": folders,
      "objectives": objectives.map { ["column": $0.column, "direction": $0.direction.rawValue] },
      "evaluations": rows, "front_size": front,
    ]
    let data = try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
    try SweepOutputs.write(
      String(decoding: data, as: UTF8.self) + "\n", to: (out as NSString).appendingPathComponent("run.json"))
  }
}
