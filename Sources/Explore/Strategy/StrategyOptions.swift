/// An invalid strategy option, reported with the option's name and the allowed range.
public struct StrategyOptionError: Error, Sendable, Equatable, CustomStringConvertible {
  public var option: String
  public var message: String

  public init(option: String, message: String) {
    self.option = option
    self.message = message
  }

  public var description: String { "option \(option): \(message)" }
}

/// One knob a strategy accepts: its name, default, bounds and help text.
public struct OptionSpec: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case integer(ClosedRange<Int>)
    case real(ClosedRange<Double>)
    case choice([String])
    case flag
  }

  public var name: String
  public var kind: Kind
  /// Default value as text, parsed like a user-given value.
  public var defaultValue: String
  public var help: String

  public init(_ name: String, _ kind: Kind, default defaultValue: String, help: String) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.help = help
  }
}

/// Strategy knobs after validation: every declared option has a value.
public struct StrategyOptions: Sendable, Hashable {
  private var integers: [String: Int] = [:]
  private var reals: [String: Double] = [:]
  private var texts: [String: String] = [:]

  /// Validates user-given options against a strategy's specs and fills in the defaults.
  ///
  /// - Parameters:
  ///   - given: Option values as text, from the search-space file and `--option NAME=VALUE`
  ///     (command-line values win).
  ///   - specs: The options the strategy declares.
  /// - Throws: Every unknown name (with a suggestion) and every value out of range, at once.
  public init(_ given: [String: String], specs: [OptionSpec]) throws(StrategyOptionErrors) {
    var errors: [StrategyOptionError] = []
    let known = specs.map(\.name)
    for name in given.keys.sorted() where !known.contains(name) {
      let hint = DidYouMeanName.hint(for: name, among: known)
      let allowed = known.isEmpty ? "this strategy has no options" : "known: \(known.joined(separator: ", "))"
      errors.append(StrategyOptionError(option: name, message: "unknown option\(hint); \(allowed)"))
    }
    for spec in specs {
      let text = given[spec.name] ?? spec.defaultValue
      switch spec.kind {
      case .integer(let range):
        guard let value = Int(text), range.contains(value) else {
          errors.append(
            StrategyOptionError(
              option: spec.name,
              message: "\"\(text)\" is invalid; expected an integer in \(range.lowerBound)...\(range.upperBound)"))
          continue
        }
        integers[spec.name] = value
      case .real(let range):
        guard let value = Double(text), value.isFinite, range.contains(value) else {
          errors.append(
            StrategyOptionError(
              option: spec.name,
              message: "\"\(text)\" is invalid; expected a number in \(range.lowerBound)...\(range.upperBound)"))
          continue
        }
        reals[spec.name] = value
      case .choice(let choices):
        guard choices.contains(text) else {
          errors.append(
            StrategyOptionError(
              option: spec.name,
              message: "\"\(text)\" is invalid; expected one of \(choices.joined(separator: ", "))"))
          continue
        }
        texts[spec.name] = text
      case .flag:
        guard text == "true" || text == "false" else {
          errors.append(
            StrategyOptionError(
              option: spec.name, message: "\"\(text)\" is invalid; expected true or false"))
          continue
        }
        texts[spec.name] = text
      }
    }
    if !errors.isEmpty { throw StrategyOptionErrors(errors: errors) }
  }

  /// The value of an integer option; traps when the strategy did not declare it.
  public func integer(_ name: String) -> Int {
    guard let value = integers[name] else { preconditionFailure("undeclared option \(name)") }
    return value
  }

  /// The value of a real option; traps when the strategy did not declare it.
  public func real(_ name: String) -> Double {
    guard let value = reals[name] else { preconditionFailure("undeclared option \(name)") }
    return value
  }

  /// The value of a choice option; traps when the strategy did not declare it.
  public func choice(_ name: String) -> String {
    guard let value = texts[name] else { preconditionFailure("undeclared option \(name)") }
    return value
  }

  /// The value of a flag option; traps when the strategy did not declare it.
  public func flag(_ name: String) -> Bool {
    guard let value = texts[name] else { preconditionFailure("undeclared option \(name)") }
    return value == "true"
  }
}

/// Every invalid option of one strategy.
public struct StrategyOptionErrors: Error, Sendable, Equatable, CustomStringConvertible {
  public var errors: [StrategyOptionError]

  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
