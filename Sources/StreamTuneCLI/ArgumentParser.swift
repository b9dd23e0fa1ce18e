import StreamTune

/// A named option of a subcommand.
struct OptionSpec {
  /// The long name without dashes, such as `json` for `--json`.
  var name: String
  /// Placeholder of the value in help text, such as `N`; `nil` for a flag.
  var valueName: String?
  /// Description of the setting the option changes, with its unit.
  var help: String
  /// The value used when the option is absent, shown in help text.
  var defaultValue: String?

  static func flag(_ name: String, help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
  }

  static func value(
    _ name: String, _ valueName: String, help: String, default defaultValue: String? = nil
  )
    -> OptionSpec
  {
    OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
  }
}

/// A positional argument of a subcommand.
struct PositionalSpec {
  var name: String
  var help: String
  var isOptional = false
  /// Whether the argument takes one or more values (only the last positional may).
  var isVariadic = false
}

/// An invalid command line, reported with exit code 2.
struct UsageError: Error {
  var message: String
}

/// The arguments of one subcommand after parsing.
struct ParsedArguments {
  var positionals: [String] = []
  var flags: Set<String> = []
  var values: [String: String] = [:]
  /// Every value of an option given more than once, in order (`--option A=1 --option B=2`).
  var repeatedValues: [String: [String]] = [:]
  var wantsHelp = false

  func flag(_ name: String) -> Bool { flags.contains(name) }

  func value(_ name: String) -> String? { values[name] }

  /// Reads an integer option.
  ///
  /// - Throws: `UsageError` when the value is not an integer in `range`.
  func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
    guard let text = values[name] else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw UsageError(
        message: "invalid value \"\(text)\" for --\(name); expected an integer from "
          + "\(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }
}

/// A small hand-written parser for `--name value`, `--name=value`, flags and positionals.
enum ArgumentParser {
  /// Parses the arguments that follow the subcommand name.
  ///
  /// - Throws: `UsageError` for an unknown option, a missing or unexpected value, or a wrong
  ///   number of positional arguments.
  static func parse(_ arguments: [String], for command: any Subcommand.Type) throws(UsageError)
    -> ParsedArguments
  {
    var result = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        result.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        result.wantsHelp = true
        continue
      }

      var name = String(argument.drop { $0 == "-" })
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let spec = command.options.first(where: { $0.name == name }) else {
        let names = command.options.map(\.name) + ["help"]
        let hint = DidYouMean.hint(for: "--\(name)", among: names.map { "--\($0)" })
        throw UsageError(message: "unknown option \(argument) for \(command.name)\(hint)")
      }
      if spec.valueName == nil {
        guard inlineValue == nil else {
          throw UsageError(message: "--\(name) is a flag and takes no value")
        }
        result.flags.insert(name)
        continue
      }
      if let inlineValue {
        result.values[name] = inlineValue
        result.repeatedValues[name, default: []].append(inlineValue)
      } else if index < arguments.count {
        result.values[name] = arguments[index]
        result.repeatedValues[name, default: []].append(arguments[index])
        index += 1
      } else {
        throw UsageError(message: "--\(name) needs a value (\(spec.valueName ?? "VALUE"))")
      }
    }

    if result.wantsHelp { return result }
    let required = command.positionals.filter { !$0.isOptional }.count
    if result.positionals.count < required {
      let missing = command.positionals[result.positionals.count].name
      throw UsageError(message: "missing argument \(missing) for \(command.name)")
    }
    if result.positionals.count > command.positionals.count,
      command.positionals.last?.isVariadic != true
    {
      throw UsageError(
        message: "unexpected argument \"\(result.positionals[command.positionals.count])\" for "
          + "\(command.name)")
    }
    return result
  }
}
