/// Help and version text.
enum HelpText {
  static let version = "0.1.0"

  /// The overview printed by `streamtune --help`.
  static var overview: String {
    var lines = [
      "streamtune \(version): design-space exploration for stream-based dataflow FPGA",
      "accelerators of one transformer block.",
      "",
      "Usage: streamtune <command> [options]",
      "       streamtune <command> --help",
      "",
      "Commands:",
    ]
    let width = (CommandRegistry.names.map(\.count).max() ?? 0) + 2
    for command in CommandRegistry.commands {
      lines.append("  " + pad(command.name, width) + command.summary)
    }
    lines += [
      "",
      "Options:",
      "  --help      show this help",
      "  --version   print the version",
      "",
      "Exit codes: 0 success, 1 failure during the run, 2 invalid input or usage.",
    ]
    return lines.joined(separator: "\n")
  }

  /// Formats the help of one subcommand: usage, arguments, options with defaults.
  static func help(for command: any Subcommand.Type) -> String {
    let positionals = command.positionals.map { $0.isOptional ? "[\($0.name)]" : $0.name }
    var lines = [
      "streamtune \(command.name): \(command.summary)",
      "",
      "Usage: streamtune \(command.name) [options] \(positionals.joined(separator: " "))",
    ]
    if !command.positionals.isEmpty {
      lines += ["", "Arguments:"]
      let width = (command.positionals.map(\.name.count).max() ?? 0) + 2
      for positional in command.positionals {
        lines.append("  " + pad(positional.name, width) + positional.help)
      }
    }
    lines += ["", "Options:"]
    let specs = command.options + [OptionSpec.flag("help", help: "show this help")]
    let labels = specs.map { spec in
      "--\(spec.name)" + (spec.valueName.map { " \($0)" } ?? "")
    }
    let width = (labels.map(\.count).max() ?? 0) + 2
    for (label, spec) in zip(labels, specs) {
      let suffix = spec.defaultValue.map { " (default: \($0))" } ?? ""
      lines.append("  " + pad(label, width) + spec.help + suffix)
    }
    if !command.discussion.isEmpty {
      lines += ["", command.discussion]
    }
    return lines.joined(separator: "\n")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
