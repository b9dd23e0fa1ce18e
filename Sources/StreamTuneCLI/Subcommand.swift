/// Exit codes of `streamtune`.
enum ExitCode: Int32 {
  case success = 0
  /// The run itself failed (an evaluation, a solver, a file that could not be written).
  case failure = 1
  /// Invalid input files or command-line usage.
  case invalidInput = 2
  case interrupted = 130
  /// Stopped by SIGTERM.
  case terminated = 143
}

/// One `streamtune` subcommand.
///
/// To add one, write a type conforming to this protocol in its own file and list it in
/// `CommandRegistry.commands`. The shared parser then handles options, `--help` and usage
/// errors.
protocol Subcommand: Sendable {
  /// The word after `streamtune`.
  static var name: String { get }
  /// One line for the command list.
  static var summary: String { get }
  /// Positional arguments, such as `FILE`.
  static var positionals: [PositionalSpec] { get }
  /// Options besides `--help`.
  static var options: [OptionSpec] { get }
  /// Extra paragraphs for `--help`, after the option list.
  static var discussion: String { get }

  /// Runs the command with parsed arguments.
  ///
  /// - Returns: The process exit code.
  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode
}

extension Subcommand {
  static var discussion: String { "" }
}
