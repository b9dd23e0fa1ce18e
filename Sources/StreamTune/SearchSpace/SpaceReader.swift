/// Typed reads of JSON values that record a problem, with its JSON path, instead of stopping.
///
/// Every reader method returns `nil` after recording a problem, so a loader can keep going and
/// report everything wrong with a file in one pass.
struct SpaceReader {
  let file: String
  private(set) var problems: [InputProblem] = []

  init(file: String) {
    self.file = file
  }

  mutating func report(_ message: String, at path: String, node: JSONNode?) {
    if let node {
      problems.append(InputProblem(file: file, path: path, message: message, at: node))
    } else {
      problems.append(InputProblem(file: file, path: path, message: message))
    }
  }

  mutating func append(_ other: [InputProblem]) {
    problems.append(contentsOf: other)
  }

  /// Requires an object and reports every key outside `allowed`, with a suggestion.
  mutating func object(_ node: JSONNode, at path: String, allowed: [String]) -> JSONNode? {
    guard case .object(let members) = node.value else {
      report(
        "expected an object, found \(node.value.typeName) \(node.excerpt)", at: path, node: node)
      return nil
    }
    for member in members where !allowed.contains(member.key) {
      let hint = DidYouMean.hint(for: member.key, among: allowed)
      report(
        "unknown key \"\(member.key)\"\(hint); allowed keys: \(allowed.joined(separator: ", "))",
        at: Self.join(path, member.key), node: member.value)
    }
    return node
  }

  /// Reads a required member, reporting it as missing with what it should hold.
  mutating func required(_ parent: JSONNode, _ key: String, at path: String, expecting: String)
    -> JSONNode?
  {
    guard let child = parent[key] else {
      report(
        "missing required key \"\(key)\" (\(expecting))", at: Self.join(path, key), node: parent)
      return nil
    }
    return child
  }

  /// Reads an integer within a range.
  mutating func integer(_ node: JSONNode, at path: String, in range: ClosedRange<Int>, what: String)
    -> Int?
  {
    guard case .number(let literal, let value) = node.value else {
      report(
        "expected \(what) (an integer), found \(node.value.typeName) \(node.excerpt)", at: path,
        node: node)
      return nil
    }
    guard JSONValue.isIntegerLiteral(literal) || value.rounded() == value else {
      report("\(literal) is not an integer; \(what) must be a whole number", at: path, node: node)
      return nil
    }
    guard let integer = Int(exactly: value.rounded()), value.magnitude < 9.0e15 else {
      report(
        "\(literal) is out of range; \(what) must be between \(range.lowerBound) and \(range.upperBound)",
        at: path, node: node)
      return nil
    }
    guard range.contains(integer) else {
      let reason = integer <= 0 && range.lowerBound > 0 ? "must be positive" : "is out of range"
      report(
        "\(literal) \(reason); \(what) must be between \(range.lowerBound) and \(range.upperBound)",
        at: path, node: node)
      return nil
    }
    return integer
  }

  /// Reads a finite number within a range.
  mutating func number(
    _ node: JSONNode, at path: String, in range: ClosedRange<Double>, what: String,
    openLowerBound: Bool = false
  ) -> Double? {
    guard case .number(let literal, let value) = node.value else {
      report(
        "expected \(what) (a number), found \(node.value.typeName) \(node.excerpt)", at: path,
        node: node)
      return nil
    }
    let tooLow = openLowerBound ? value <= range.lowerBound : value < range.lowerBound
    guard value.isFinite, !tooLow, value <= range.upperBound else {
      let lower =
        openLowerBound
        ? "above \(Self.format(range.lowerBound))" : "at least \(Self.format(range.lowerBound))"
      report(
        "\(literal) is out of range; \(what) must be \(lower) and at most \(Self.format(range.upperBound))",
        at: path, node: node)
      return nil
    }
    return value
  }

  /// Reads a string, optionally one of a list of names.
  mutating func string(
    _ node: JSONNode, at path: String, what: String, among names: [String]? = nil
  )
    -> String?
  {
    guard let text = node.stringValue else {
      report(
        "expected \(what) (a string), found \(node.value.typeName) \(node.excerpt)", at: path,
        node: node)
      return nil
    }
    if let names, !names.contains(text) {
      let hint = DidYouMean.hint(for: text, among: names)
      report(
        "unknown \(what) \"\(text)\"\(hint); allowed: \(names.joined(separator: ", "))",
        at: path, node: node)
      return nil
    }
    return text
  }

  /// Reads a Boolean.
  mutating func boolean(_ node: JSONNode, at path: String, what: String) -> Bool? {
    guard let flag = node.boolValue else {
      report(
        "expected \(what) (true or false), found \(node.value.typeName) \(node.excerpt)", at: path,
        node: node)
      return nil
    }
    return flag
  }

  /// Reads an array, optionally requiring at least one element.
  mutating func array(_ node: JSONNode, at path: String, what: String, nonEmpty: Bool = true)
    -> [JSONNode]?
  {
    guard let elements = node.elements else {
      report(
        "expected \(what) (an array), found \(node.value.typeName) \(node.excerpt)", at: path,
        node: node)
      return nil
    }
    if nonEmpty && elements.isEmpty {
      report("\(what) is empty; list at least one", at: path, node: node)
      return nil
    }
    return elements
  }

  /// Appends a key to a JSON path.
  static func join(_ path: String, _ key: String) -> String {
    let isPlain = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
    let component = isPlain ? key : "[\"\(key)\"]"
    if path.isEmpty || path == "(root)" { return isPlain ? key : component }
    return isPlain ? "\(path).\(key)" : path + component
  }

  /// Appends an array index to a JSON path.
  static func join(_ path: String, _ index: Int) -> String {
    "\(path)[\(index)]"
  }

  /// Formats a number without a fraction when it is whole.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), value.magnitude < 1e15 { return String(Int(value)) }
    return String(value)
  }
}
