import Foundation
import Numerics
import StreamTune
import Sweep

/// `streamtune bench`: the project's performance figures, with the machine they ran on.
enum BenchCommand: Subcommand {
  static let name = "bench"
  static let summary = "measure cost-model speed, GP and solver times, search quality and memory"
  static let positionals: [PositionalSpec] = []
  static let options: [OptionSpec] = [
    .flag("quick", help: "smaller sizes, fewer seeds and shorter runs (about a minute or two)"),
    .value(
      "out", "DIR", help: "output folder for the CSV files, plots and bench.md",
      default: "Results/bench"),
    .value(
      "only", "SECTION,...",
      help: "run only these sections: "
        + BenchSection.allCases.map(\.rawValue).joined(separator: ", "),
      default: "all"),
  ]
  static let discussion = """
    Writes one CSV file per table, search_quality_*.svg and bench.md into DIR, and prints a
    summary. Every figure states the machine (CPU, cores, memory, OS, Swift version, build
    configuration); timings are medians over repeats. Run the release build (make bench) for
    representative numbers. Sections are described in docs/bench.md.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    var sections = BenchSection.allCases
    if let only = arguments.value("only") {
      switch BenchSection.parseList(only) {
      case .success(let chosen): sections = chosen
      case .failure(let error):
        console.diagnostic("error: --only: \(error.description)")
        return .invalidInput
      }
    }
    guard let folder = DataDirectory.searchSpacesFolder() else {
      console.diagnostic(
        "error: cannot find the SearchSpaces folder; set STREAMTUNE_DATA to its path")
      return .invalidInput
    }
    let out = arguments.value("out") ?? "Results/bench"
    let settings = BenchSettings.standard(
      quick: arguments.flag("quick"), searchSpacesFolder: folder)
    let executable = Bundle.main.executablePath ?? CommandLine.arguments.first
    BLASThreads.set(1)

    let machine = BenchMachine.current()
    console.diagnostic("bench on \(machine.summary)")
    let runner = BenchRunner(settings: settings, executable: executable)
    var results: [BenchSectionResult] = []
    let start = Date()
    for section in sections {
      console.diagnostic("running \(section.rawValue)...")
      do {
        let result = try runner.run(section)
        console.diagnostic(
          "  \(section.rawValue) took \(String(format: "%.1f", result.seconds)) s")
        results.append(result)
      } catch {
        console.diagnostic("error: \(section.rawValue): \(error.description)")
        return .failure
      }
    }
    let total = Date().timeIntervalSince(start)

    do {
      try BenchReport.write(
        results, machine: machine, settings: settings, totalSeconds: total, folder: out)
    } catch {
      console.diagnostic("error: \(error.description)")
      return .failure
    }
    console.output("machine: \(machine.summary)")
    for result in results {
      for line in result.summary { console.output(line) }
    }
    console.output(
      "total \(String(format: "%.1f", total)) s; results in \(out)/bench.md and \(out)/*.csv")
    return .success
  }
}
