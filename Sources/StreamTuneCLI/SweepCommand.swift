import Explore
import Foundation
import Numerics
import StreamTune
import Sweep

/// `streamtune sweep`: runs a strategy over a search space with a journal that survives crashes.
enum SweepCommand: Subcommand {
  static let name = "sweep"
  static let summary = "explore a search space with a strategy; results go to CSV, SVG and JSON"
  static let positionals = [
    PositionalSpec(
      name: "FILE", help: "search-space JSON file (optional with --resume)", isOptional: true)
  ]
  static let options: [OptionSpec] = [
    .value(
      "strategy", "NAME", help: "search strategy: " + StrategyRegistry.names.joined(separator: ", "),
      default: "the file's search.strategy"),
    .value("budget", "N", help: "evaluations in total, earlier runs' rows included", default: "the file's search.budget"),
    .value(
      "time", "DURATION", help: "wall-clock limit of this invocation (90s, 30m, 8h, 1h30m)",
      default: "none"),
    .value("jobs", "N", help: "parallel evaluators; results do not depend on it", default: "core count"),
    .value("seed", "N", help: "seed of every random choice", default: "the file's search.seed"),
    .value("out", "DIR", help: "output folder", default: "Results/<file name>-<strategy>"),
    .value(
      "resume", "DIR",
      help: "continue the run in DIR with its recorded settings (FILE, strategy, seed, options)"),
    .value(
      "shard", "I/N", help: "run shard I of N (0-based): a partition for exhaustive, its own seed otherwise",
      default: "0/1"),
    .value(
      "batch", "N", help: "configurations per ask/tell round; results depend on it", default: "8"),
    .value(
      "option", "NAME=VALUE", help: "strategy option, repeatable; overrides search.options"),
    .flag("overwrite", help: "delete earlier results in the output folder first"),
    .flag("quiet", help: "no progress output"),
  ]
  static let discussion = """
    Every evaluation is appended to DIR/evaluations.csv and synced to disk at least once a
    second. At the end (or on SIGINT/SIGTERM, after the batch in flight) the command writes
    DIR/pareto.csv, DIR/pareto.svg and DIR/run.json, and prints the command that resumes an
    interrupted run. Exit codes: 0 done, 1 run failure, 2 invalid input, 130 SIGINT, 143 SIGTERM.
    Strategy options and their defaults: streamtune strategies.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let request: SweepRequest
    do {
      request = try SweepRequest(arguments)
    } catch {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    }
    guard let space = SpaceLoading.load(request.spacePath, console: &console) else {
      return .invalidInput
    }
    let settings: SweepSettings
    do {
      settings = try request.settings(for: space)
    } catch {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    }
    if arguments.flag("overwrite"), !request.isResume {
      for file in ["evaluations.csv", "pareto.csv", "pareto.svg", "run.json", "report.md"] {
        try? FileManager.default.removeItem(
          atPath: (settings.outputFolder as NSString).appendingPathComponent(file))
      }
    }

    if settings.jobs > 1 { BLASThreads.set(1) }
    let problem: any SweepProblem
    if settings.strategy == "streamtensor" {
      do {
        problem = try StreamTensorProblem(space: space, options: settings.options)
      } catch {
        console.diagnostic("error: \(error.description)")
        return .invalidInput
      }
    } else {
      problem = SpaceProblem(space: space, withOracle: settings.strategy == "ilp")
    }
    let display = ProgressDisplay(
      quiet: arguments.flag("quiet"), objectives: problem.objectiveColumns)
    let signals = SignalWatcher()
    let runner = SweepRunner(
      problem: problem, settings: settings, stopRequested: { signals.receivedSignal != nil },
      progress: { display.update($0) })
    let summary: SweepSummary
    do {
      summary = try runner.run()
    } catch {
      display.finish()
      console.diagnostic("error: \(error.description)")
      switch error {
      case .strategy, .folderNotEmpty, .nothingToResume, .replayMismatch, .lock:
        return .invalidInput
      default:
        return .failure
      }
    }
    display.finish()

    let folder = settings.outputFolder
    console.output(
      "\(summary.evaluations) evaluations (\(summary.replayed) replayed), \(summary.feasible) feasible, "
        + "front of \(summary.frontSize), hypervolume \(String(format: "%.6g", summary.hypervolume)), "
        + "\(ProgressDisplay.duration(summary.elapsedSeconds)); results in \(folder)")
    if summary.end == .interrupted || summary.end == .timeLimit {
      console.diagnostic("stopped (\(summary.end.rawValue)); resume with:")
      console.diagnostic("  streamtune sweep --resume \(folder)")
    }
    if summary.end == .interrupted {
      return ExitCode(rawValue: signals.exitStatus) ?? .interrupted
    }
    return .success
  }
}
