import Foundation
import Sweep

/// `streamtune plot CSV --x COL --y COL -o FILE.svg`: a scatter plot with the front highlighted.
enum PlotCommand: Subcommand {
  static let name = "plot"
  static let summary = "draw a result CSV as an SVG scatter plot with the Pareto front highlighted"
  static let positionals = [PositionalSpec(name: "CSV", help: "a result CSV file")]
  static let options: [OptionSpec] = [
    .value("x", "COL", help: "column on the horizontal axis (its unit suffix labels the axis)"),
    .value("y", "COL", help: "column on the vertical axis"),
    .value("color", "COL", help: "column that colours the points (numbers get a colour ramp)"),
    .flag("log-x", help: "logarithmic horizontal axis"),
    .flag("log-y", help: "logarithmic vertical axis"),
    ObjectiveOption.spec,
    .value("o", "FILE.svg", help: "output file"),
    .value("title", "TEXT", help: "plot title", default: "the CSV's file name"),
  ]
  static let discussion = """
    The front is computed over the objectives (by default those of run.json, else the x and y
    columns, minimised unless they are throughputs). Example:
    streamtune plot Results/run/evaluations.csv --x dsp --y latency_ms --log-y --color bram18k -o front.svg
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let path = arguments.positionals[0]
    guard let x = arguments.value("x"), let y = arguments.value("y"), let out = arguments.value("o")
    else {
      console.diagnostic("error: plot needs --x COL, --y COL and -o FILE.svg")
      return .invalidInput
    }
    do {
      let table = try ResultTable.load([path])
      var objectives: [ResultObjective]
      if arguments.value("objectives") != nil || ResultTable.recordedObjectives(besides: path) != nil {
        objectives = try ObjectiveOption.objectives(arguments, besides: path)
      } else {
        objectives = [x, y].compactMap { ResultObjective.parse($0) }
      }
      let title = arguments.value("title") ?? (path as NSString).lastPathComponent
      let plot = try ResultOperations.plot(
        table, x: x, y: y, objectives: objectives, color: arguments.value("color"),
        logX: arguments.flag("log-x"), logY: arguments.flag("log-y"), title: title)
      try SweepOutputs.write(plot.svg(), to: out)
      console.diagnostic("\(table.rows.count) points plotted to \(out)")
      return .success
    } catch {
      return InputFailure.report(error, console: &console)
    }
  }
}

/// `streamtune report DIR`: a Markdown summary of a run.
enum ReportCommand: Subcommand {
  static let name = "report"
  static let summary = "write a Markdown summary of a run folder (best designs, knee, counts, time)"
  static let positionals = [PositionalSpec(name: "DIR", help: "a run folder")]
  static let options: [OptionSpec] = [
    ObjectiveOption.spec,
    .value("out", "FILE", help: "output file", default: "DIR/report.md"),
  ]
  static let discussion = "Example: streamtune report Results/gpt2-medium-u55c-anneal"

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let folder = arguments.positionals[0]
    do {
      let journal = (folder as NSString).appendingPathComponent("evaluations.csv")
      let objectives: [ResultObjective]? =
        arguments.value("objectives") == nil
        ? nil : try ObjectiveOption.objectives(arguments, besides: journal)
      let markdown = try MarkdownReport.make(folder: folder, objectives: objectives)
      let out = arguments.value("out") ?? (folder as NSString).appendingPathComponent("report.md")
      try SweepOutputs.write(markdown, to: out)
      console.output("report written to \(out)")
      return .success
    } catch {
      return InputFailure.report(error, console: &console)
    }
  }
}
