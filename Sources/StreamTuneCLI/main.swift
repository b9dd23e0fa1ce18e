import Foundation
import StreamTune

/// Dispatches `streamtune <command>` and maps the outcome to an exit code.
func runCommandLine(_ arguments: [String]) -> ExitCode {
  var console = Console()
  guard let first = arguments.first else {
    console.diagnostic(HelpText.overview)
    return .invalidInput
  }
  switch first {
  case "--help", "-h", "help":
    if arguments.count > 1, let command = CommandRegistry.command(named: arguments[1]) {
      console.output(HelpText.help(for: command))
    } else {
      console.output(HelpText.overview)
    }
    return .success
  case "--version":
    console.output("streamtune \(HelpText.version)")
    return .success
  default:
    break
  }

  guard let command = CommandRegistry.command(named: first) else {
    let hint = DidYouMean.hint(for: first, among: CommandRegistry.names)
    console.diagnostic(
      "error: unknown command \"\(first)\"\(hint); commands: "
        + CommandRegistry.names.joined(separator: ", ") + "; run streamtune --help")
    return .invalidInput
  }
  do {
    let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: command)
    if parsed.wantsHelp {
      console.output(HelpText.help(for: command))
      return .success
    }
    return command.run(parsed, console: &console)
  } catch {
    console.diagnostic("error: \(error.message)")
    console.diagnostic("run streamtune \(command.name) --help for usage")
    return .invalidInput
  }
}

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())).rawValue)
