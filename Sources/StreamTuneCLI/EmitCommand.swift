import Emit
import Explore
import Foundation
import StreamTune
import Sweep

/// `streamtune emit FILE ... --out DIR`: one design point as a Vitis HLS project with a
/// C-simulation test bench.
enum EmitCommand: Subcommand {
  static let name = "emit"
  static let summary = "write one design as a Vitis HLS project with a C-simulation test bench"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = [
    .value(
      "from", "CSV", help: "result file (pareto.csv or evaluations.csv) to pick the design from"),
    .value(
      "pick", "RULE",
      help: "with --from: fastest (min latency_ms), smallest (min dsp, then lut), "
        + "most-efficient (min energy_mj_per_token), knee, or row=N (N-th data row, from 1)"),
    .value(
      "objectives", "COL[:min|:max],...", help: "objectives of --pick knee",
      default: "run.json next to the CSV, else the search space's objectives"),
    .value("config", "JSON", help: "JSON object of variable values by name, as evaluate --config"),
    .value("preset", "NAME", help: "a preset design instead: streamtensor"),
    .value(
      "default-tile", "N", help: "streamtensor preset: tile size of every loop",
      default: String(PresetDefaults.defaultTile)),
    .value(
      "unroll-budget", "N", help: "streamtensor preset: total lanes over all kernels",
      default: String(PresetDefaults.unrollBudget)),
    .value(
      "fifo-override", "EDGE=DEPTH,...",
      help: "debugging aid: FIFO depths in tokens instead of the cost model's, such as "
        + "residual1->residual2=1"),
    .value("out", "DIR", help: "project folder to create (must not exist or be empty)"),
  ]
  static let discussion = """
    Give exactly one of --from (with --pick), --config or --preset. The project holds
    design.json (every decision, the FIFO depths and the cost model's estimates), the HLS
    sources in src/, the C-simulation test bench in tb/ with stand-in headers in include/,
    connectivity.cfg, a Makefile and a Tcl script for AMD Vitis, and a README. Run the C
    simulation with `make -f tb/Makefile run` inside the project: exit code 0 is a match with
    the reference forward pass, 1 a mismatch and 2 a deadlock.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let path = arguments.positionals[0]
    guard let out = arguments.value("out") else {
      console.diagnostic("error: missing --out DIR")
      return .invalidInput
    }
    guard let space = SpaceLoading.load(path, console: &console) else { return .invalidInput }

    let selection: (point: DesignPoint, assignment: [Int]?, text: String)
    let overrides: [String: Int]
    do {
      selection = try choose(arguments, space: space, console: &console)
      overrides = try fifoOverrides(arguments.value("fifo-override"))
    } catch let error as UsageError {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    } catch {
      console.diagnostic("error: \(error)")
      return .invalidInput
    }

    do {
      let summary = try Emitter.emit(
        space: space, point: selection.point, assignment: selection.assignment,
        options: EmitOptions(fifoOverrides: overrides, selection: selection.text), to: out)
      console.output("wrote \(summary.folder) (\(summary.files.count) files)")
      console.output(
        "design: \(selection.text); \(summary.regionCount) region(s), "
          + "\(summary.converterCount) layout converter(s)")
      let metrics = summary.metrics
      console.output(
        "estimates: latency \(metrics.latencyMs) ms, \(metrics.dsp) DSP, "
          + "\(metrics.energyMJPerToken) mJ/token, feasible \(metrics.feasible)")
      console.output("C simulation: cd \(out) && make -f tb/Makefile run")
      return .success
    } catch {
      console.diagnostic("error: \(error.description)")
      switch error {
      case .io: return .failure
      default: return .invalidInput
      }
    }
  }

  /// Returns the design the options name.
  static func choose(_ arguments: ParsedArguments, space: SearchSpace, console: inout Console)
    throws -> (point: DesignPoint, assignment: [Int]?, text: String)
  {
    let given = ["from", "config", "preset"].filter { arguments.value($0) != nil }
    guard given.count == 1 else {
      throw UsageError(
        message: given.isEmpty
          ? "give one of --from CSV --pick RULE, --config JSON or --preset streamtensor"
          : "give only one of --from, --config and --preset")
    }
    if arguments.value("preset") != nil {
      let point = try EvaluateCommand.designPoint(arguments, space: space, console: &console)
      return (point, nil, "the streamtensor preset")
    }
    if let config = arguments.value("config") {
      let (assignment, defaulted) = try DesignSelection.assignment(
        configAt: config, space: space.design)
      if !defaulted.isEmpty {
        console.diagnostic(
          "note: \(config) leaves out \(defaulted.joined(separator: ", ")); they take their first value"
        )
      }
      return (space.design.designPoint(for: assignment), assignment, "config \(config)")
    }

    let csv = arguments.value("from")!
    guard let rule = arguments.value("pick") else {
      throw UsageError(
        message: "--from needs --pick fastest, smallest, most-efficient, knee or row=N")
    }
    let rules = ["fastest", "smallest", "most-efficient", "knee"]
    guard rules.contains(rule) || rule.hasPrefix("row=") else {
      throw UsageError(
        message: "unknown --pick \"\(rule)\"\(DidYouMean.hint(for: rule, among: rules)); "
          + "rules: \(rules.joined(separator: ", ")), row=N")
    }
    let table = try ResultTable.load([csv])
    let position = try pick(rule, table: table, csv: csv, space: space, arguments: arguments)
    let assignment = try DesignSelection.assignment(
      header: table.header, row: table.rows[position], space: space.design)
    return (
      space.design.designPoint(for: assignment), assignment,
      "--pick \(rule) from \(csv), row \(position + 1)"
    )
  }

  /// Returns the position of the row a rule picks.
  static func pick(
    _ rule: String, table: CSVTable, csv: String, space: SearchSpace, arguments: ParsedArguments
  ) throws -> Int {
    guard !table.rows.isEmpty else { throw UsageError(message: "\(csv) has no rows to pick from") }
    if rule.hasPrefix("row=") {
      guard let number = Int(rule.dropFirst(4)), (1...table.rows.count).contains(number) else {
        throw UsageError(
          message: "invalid --pick \(rule); expected row=N with N from 1 to \(table.rows.count)")
      }
      return number - 1
    }
    let found: Int?
    switch rule {
    case "fastest":
      found = try ResultOperations.best(
        table, objective: ResultObjective(column: "latency_ms", direction: .minimize))
    case "most-efficient":
      found = try ResultOperations.best(
        table, objective: ResultObjective(column: "energy_mj_per_token", direction: .minimize))
    case "smallest":
      found = try smallest(table)
    case "knee":
      let objectives = try kneeObjectives(arguments, csv: csv, space: space)
      let front = try ResultTable.front(table, objectives: objectives)
      guard let position = try ResultOperations.knee(front, objectives: objectives) else {
        throw UsageError(message: "\(csv) has no feasible row with finite objectives")
      }
      found = table.rows.firstIndex(of: front.rows[position])
    default:
      throw UsageError(message: "unknown --pick \"\(rule)\"")
    }
    guard let found else {
      throw UsageError(message: "\(csv) has no row with a finite value to pick")
    }
    return found
  }

  /// Returns the row with the fewest DSP slices, ties broken by LUTs.
  static func smallest(_ table: CSVTable) throws -> Int? {
    guard let dsp = table.column("dsp"), let lut = table.column("lut") else {
      throw UsageError(message: "--pick smallest needs the columns dsp and lut")
    }
    var best: (position: Int, key: (Double, Double))?
    for (position, row) in table.rows.enumerated() {
      guard let d = Double(row[dsp]), let l = Double(row[lut]), d.isFinite, l.isFinite else {
        continue
      }
      if best == nil || (d, l) < best!.key { best = (position, (d, l)) }
    }
    return best?.position
  }

  static func kneeObjectives(_ arguments: ParsedArguments, csv: String, space: SearchSpace) throws
    -> [ResultObjective]
  {
    if arguments.value("objectives") != nil || ResultTable.recordedObjectives(besides: csv) != nil {
      return try ObjectiveOption.objectives(arguments, besides: csv)
    }
    return space.objectives.map {
      ResultObjective(
        column: $0.metric.rawValue, direction: $0.direction == .maximize ? .maximize : .minimize)
    }
  }

  /// Parses `EDGE=DEPTH,...`.
  static func fifoOverrides(_ text: String?) throws(UsageError) -> [String: Int] {
    guard let text, !text.isEmpty else { return [:] }
    var result: [String: Int] = [:]
    for entry in text.split(separator: ",") {
      guard let equals = entry.lastIndex(of: "="),
        let depth = Int(entry[entry.index(after: equals)...]),
        depth >= 1
      else {
        throw UsageError(
          message:
            "invalid --fifo-override entry \"\(entry)\"; expected PRODUCER->CONSUMER=DEPTH with DEPTH >= 1"
        )
      }
      result[String(entry[..<equals])] = depth
    }
    return result
  }
}
