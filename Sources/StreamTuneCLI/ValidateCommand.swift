import StreamTune

/// `streamtune validate FILE`: checks a search space and prints a one-line summary.
enum ValidateCommand: Subcommand {
  static let name = "validate"
  static let summary = "check a search-space file and print a one-line summary"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = []
  static let discussion = """
    On success, prints the model, its parameter count, the platform, the requests, the number
    of variables and the exact design-space size, and exits 0. Otherwise prints every problem
    to standard error, one per line as file:line:column: JSON path: message, and exits 2.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let path = arguments.positionals[0]
    guard let space = SpaceLoading.load(path, console: &console) else { return .invalidInput }
    console.output(summaryLine(space))
    return .success
  }

  /// Formats the one-line summary of a valid space.
  static func summaryLine(_ space: SearchSpace) -> String {
    let requests = space.workload.requests.map(\.description).joined(separator: " ")
    let clock = SpaceLoading.format1(space.platform.clockMHz)
    return
      "ok \(space.file): model \(space.model.name) (\(SpaceLoading.parameterText(space.model.parameterCount)) "
      + "parameters), W\(space.precision.weightBits)A\(space.precision.activationBits), "
      + "platform \(space.platform.name) at \(clock) MHz, \(space.workload.requests.count) "
      + "request\(space.workload.requests.count == 1 ? "" : "s") \(requests), "
      + "\(space.design.variables.count) variables, "
      + "\(SpaceLoading.sizeText(space.design.cardinality)) design points"
  }
}
