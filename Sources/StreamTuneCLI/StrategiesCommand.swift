import Explore

/// `streamtune strategies`: every strategy with its options and defaults.
enum StrategiesCommand: Subcommand {
  static let name = "strategies"
  static let summary = "list the search strategies and their options with defaults"
  static let positionals = [
    PositionalSpec(name: "NAME", help: "show only this strategy", isOptional: true)
  ]
  static let options: [OptionSpec] = []
  static let discussion = """
    Set an option in the search-space file under search.options, or on the command line with
    --option NAME=VALUE (the command line wins). Example: streamtune strategies anneal
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    var names = StrategyRegistry.names
    if let only = arguments.positionals.first {
      guard names.contains(only) else {
        console.diagnostic(
          "error: unknown strategy \"\(only)\"; strategies: \(names.joined(separator: ", "))")
        return .invalidInput
      }
      names = [only]
    }
    for name in names {
      console.output("\(name): \(StrategyRegistry.summary(of: name) ?? "")")
      let specs = StrategyRegistry.optionSpecs(of: name) ?? []
      if specs.isEmpty { console.output("  (no options)") }
      for spec in specs {
        console.output("  \(spec.name)=\(range(spec.kind))  default \(spec.defaultValue)")
        console.output("      \(spec.help)")
      }
      console.output("")
    }
    return .success
  }

  private static func range(_ kind: Explore.OptionSpec.Kind) -> String {
    switch kind {
    case .integer(let range): return "INTEGER \(range.lowerBound)...\(range.upperBound)"
    case .real(let range): return "NUMBER \(range.lowerBound)...\(range.upperBound)"
    case .choice(let choices): return choices.joined(separator: "|")
    case .flag: return "true|false"
    }
  }
}
