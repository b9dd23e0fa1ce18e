import Foundation
import StreamTune

/// `streamtune evaluate`: one design point, fully broken down, or a JSON-lines protocol.
enum EvaluateCommand: Subcommand {
  static let name = "evaluate"
  static let summary = "estimate one design point in detail, or serve a JSON-lines protocol"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = [
    .value(
      "config", "CONFIG.json",
      help: "design as {\"variable\": value, ...}; left-out variables take their first value"),
    .value("preset", "NAME", help: "a preset design instead of --config: streamtensor"),
    .value(
      "default-tile", "N", help: "streamtensor preset: tile size of every loop",
      default: String(PresetDefaults.defaultTile)),
    .value(
      "unroll-budget", "N", help: "streamtensor preset: total lanes over all kernels",
      default: String(PresetDefaults.unrollBudget)),
    .flag("json", help: "print the full breakdown as one JSON object"),
    .flag("stdin", help: "read one configuration per line as JSON and answer one JSON line each"),
  ]
  static let discussion = """
    Without --config or --preset, every variable takes its first allowed value. All figures
    are estimates of the analytic cost model.

    With --stdin, each input line is a JSON object of variable values (as in --config) or
    {"preset": "streamtensor", "default_tile": 16, "unroll_budget": 1024}; each output line is
    {"line": N, "feasible": ..., "violation": ..., "reasons": [...], "metrics": {...}} with every
    metric column, or {"line": N, "error": "..."} for a line that cannot be read. Output is
    flushed after every line, so another optimiser (Optuna, BoTorch) can drive the model.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    guard let space = SpaceLoading.load(arguments.positionals[0], console: &console) else {
      return .invalidInput
    }
    let evaluator = SpaceEvaluator(space: space)
    if arguments.flag("stdin") {
      return EvaluateProtocol.serve(evaluator: evaluator, console: &console)
    }
    let point: DesignPoint
    do {
      point = try designPoint(arguments, space: space, console: &console)
    } catch {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    }
    let evaluation = evaluator.evaluate(point: point)
    if arguments.flag("json") {
      console.output(EvaluateProtocol.json(evaluation, full: true))
    } else {
      console.output(EvaluateReport.text(evaluation, space: space))
    }
    return .success
  }

  /// The design point the options name.
  static func designPoint(_ arguments: ParsedArguments, space: SearchSpace, console: inout Console)
    throws(UsageError) -> DesignPoint
  {
    if let preset = arguments.value("preset") {
      guard preset == "streamtensor" else {
        throw UsageError(message: "unknown preset \"\(preset)\"; presets: streamtensor")
      }
      if arguments.value("config") != nil {
        throw UsageError(message: "give --config or --preset, not both")
      }
      let tile = try arguments.integer("default-tile", in: 1...65_536) ?? PresetDefaults.defaultTile
      let budget =
        try arguments.integer("unroll-budget", in: 1...10_000_000) ?? PresetDefaults.unrollBudget
      return PresetDefaults.streamTensor(space: space, defaultTile: tile, unrollBudget: budget)
    }
    guard let path = arguments.value("config") else {
      console.diagnostic("note: no --config or --preset; every variable takes its first value")
      return space.design.designPoint(for: [Int](repeating: 0, count: space.design.variables.count))
    }
    do {
      let root = try InputFile.readJSON(at: path)
      let (assignment, defaulted) = try space.design.assignment(fromConfiguration: root, file: path)
      if !defaulted.isEmpty {
        console.diagnostic(
          "note: \(path) leaves out \(defaulted.joined(separator: ", ")); they take their first value")
      }
      return space.design.designPoint(for: assignment)
    } catch {
      throw UsageError(message: error.problems.map(\.description).joined(separator: "\n"))
    }
  }
}

/// The streamtensor preset's documented default knobs and its construction for a space.
enum PresetDefaults {
  /// Tile size of every loop when none is given.
  static let defaultTile = StreamTensorPreset.defaultTile
  /// Total lanes over all kernels when none is given.
  static let unrollBudget = StreamTensorPreset.defaultUnrollBudget

  static func streamTensor(space: SearchSpace, defaultTile: Int, unrollBudget: Int) -> DesignPoint {
    StreamTensorPreset.design(
      for: space.prefillGraph, platform: space.platform, precision: space.precision,
      defaultTile: defaultTile, unrollBudget: unrollBudget)
  }
}
