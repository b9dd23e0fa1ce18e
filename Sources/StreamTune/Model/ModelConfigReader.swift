/// Typed access to the fields of a model's `config.json` that collects every problem it finds.
///
/// Each accessor returns `nil` (or the default) when a field is missing or invalid, and records
/// an `InputProblem` whose path is the field name, so that one pass reports all bad fields.
struct ModelConfigReader {
  let root: JSONNode
  let file: String
  private(set) var problems: [InputProblem] = []

  init(root: JSONNode, file: String) {
    self.root = root
    self.file = file
  }

  /// Records a problem at a field, located at the field's value when it exists.
  mutating func report(_ path: String, _ message: String, at node: JSONNode? = nil) {
    if let node {
      problems.append(InputProblem(file: file, path: path, message: message, at: node))
    } else {
      problems.append(InputProblem(file: file, path: path, message: message))
    }
  }

  /// The first of `keys` that is present with a non-null value.
  func member(_ keys: [String]) -> (key: String, node: JSONNode)? {
    for key in keys {
      if let node = root[key], !node.isNull { return (key, node) }
    }
    return nil
  }

  /// Reads an integer field and checks it against a range.
  ///
  /// A number with a zero fraction (`22.0`) is accepted; a string, a fraction such as `22.5`,
  /// or any other type is reported.
  ///
  /// - Parameters:
  ///   - keys: Accepted spellings, the preferred one first; problems name the one present, or
  ///     the first when none is.
  ///   - defaultValue: Value used when the field is missing or null; `nil` makes it required.
  ///   - range: Allowed values, stated in the message when violated.
  ///   - example: An example value for the "missing" message.
  mutating func integer(
    _ keys: [String], default defaultValue: Int? = nil, range: ClosedRange<Int>,
    example: Int = 1
  ) -> Int? {
    guard let (key, node) = member(keys) else {
      if let defaultValue { return defaultValue }
      report(keys[0], "required field missing; add it, for example \"\(keys[0])\": \(example)")
      return nil
    }
    let allowed =
      "\(ModelConfigReader.format(range.lowerBound)) to "
      + ModelConfigReader.format(range.upperBound)

    switch node.value {
    case .string(let text):
      let fix = Int(text) != nil ? "write it without quotes" : "write a number such as \(example)"
      report(key, "\(node.excerpt) is a string where an integer is required; \(fix)", at: node)
      return nil
    case .number(let literal, let value):
      guard value == value.rounded(), value.isFinite else {
        report(key, "\(literal) is not an integer; it must be a whole number", at: node)
        return nil
      }
      guard let integer = Int(exactly: value), range.contains(integer) else {
        let requirement =
          range.lowerBound == 1 && value < 1
          ? "it must be a positive integer (\(allowed))"
          : "it is out of the supported range \(allowed)"
        report(key, "\(literal) is invalid: \(requirement)", at: node)
        return nil
      }
      return integer
    default:
      report(
        key,
        "\(node.excerpt) is \(Self.typeWithArticle(node.value)) where an integer is required",
        at: node)
      return nil
    }
  }

  /// Reads a number field that must lie in a half-open range `(lower, upper]`.
  mutating func fraction(
    _ keys: [String], default defaultValue: Double, above lower: Double, atMost upper: Double
  ) -> Double? {
    guard let (key, node) = member(keys) else { return defaultValue }
    guard let value = node.doubleValue else {
      report(
        key,
        "\(node.excerpt) is \(Self.typeWithArticle(node.value)) where a number is required",
        at: node)
      return nil
    }
    guard value > lower && value <= upper else {
      report(
        key, "\(node.excerpt) is out of range: it must be above \(lower) and at most \(upper)",
        at: node)
      return nil
    }
    return value
  }

  /// Reads a Boolean field, using the default when it is missing or null.
  mutating func boolean(_ key: String, default defaultValue: Bool) -> Bool {
    guard let (_, node) = member([key]) else { return defaultValue }
    guard let flag = node.boolValue else {
      report(
        key,
        "\(node.excerpt) is \(Self.typeWithArticle(node.value)) where true or false is required",
        at: node)
      return defaultValue
    }
    return flag
  }

  /// Reads a string field; a missing or null field returns the default.
  mutating func string(_ keys: [String], default defaultValue: String?) -> String? {
    guard let (key, node) = member(keys) else { return defaultValue }
    guard let text = node.stringValue else {
      report(
        key,
        "\(node.excerpt) is \(Self.typeWithArticle(node.value)) where a string is required",
        at: node)
      return nil
    }
    return text
  }

  /// The JSON type name with its indefinite article (`an array`, `a string`).
  static func typeWithArticle(_ value: JSONValue) -> String {
    let name = value.typeName
    return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
  }

  /// Formats an integer with thousands separators, as messages show limits.
  static func format(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
  }
}
