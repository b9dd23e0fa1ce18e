import StreamTune

/// Loading a search space for a subcommand, with problems printed one per line.
enum SpaceLoading {
  /// Loads a search space, or prints every problem to standard error.
  ///
  /// - Returns: The space, or `nil` after printing its problems.
  static func load(_ path: String, console: inout Console) -> SearchSpace? {
    do {
      return try SearchSpaceLoader.load(path: path)
    } catch {
      for problem in error.problems {
        console.diagnostic(problem.description)
      }
      let count = error.problems.count
      console.diagnostic(
        "\(count) problem\(count == 1 ? "" : "s") found; \(path) is not a valid search space")
      return nil
    }
  }

  /// Formats a count with thousands separators, such as `1,234,567`.
  static func grouped(_ digits: String) -> String {
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }

  static func grouped(_ number: Int) -> String {
    number < 0 ? "-" + grouped(String(-number)) : grouped(String(number))
  }

  /// Formats the size of a design space: exact digits, plus the base-10 logarithm when large.
  static func sizeText(_ count: BigCount) -> String {
    let digits = grouped(count.description)
    guard count.log10Value >= 7 else { return digits }
    let exponent = count.log10Value
    return digits + " (10^" + String(format2(exponent)) + ")"
  }

  static func format2(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return String(scaled)
  }

  /// Parameters in millions or billions, such as `354.8 M`.
  static func parameterText(_ count: Int) -> String {
    if count >= 1_000_000_000 { return "\(format1(Double(count) / 1e9)) B" }
    if count >= 1_000_000 { return "\(format1(Double(count) / 1e6)) M" }
    return grouped(count)
  }

  static func format1(_ value: Double) -> String {
    String((value * 10).rounded() / 10)
  }
}
