import Foundation

/// A field reader for platform files that collects every problem instead of stopping at the
/// first.
///
/// Numbers in a platform file are leaves of the form
/// `{"value": 300, "source": "...", "status": "secondary"}`. The reader checks the leaf's shape,
/// records its provenance under the leaf's JSON path, and returns the value. On a problem it
/// records an `InputProblem` and returns a placeholder, so the caller keeps reading and the
/// final error lists everything wrong with the file.
struct PlatformReader {
  /// Lower limits a number may have to satisfy.
  enum Bound {
    /// Greater than zero.
    case positive
    /// Zero or greater.
    case nonNegative
    /// In (0, 1].
    case fraction
    /// At least the given value.
    case atLeast(Double)

    /// Reports whether the value satisfies the bound.
    func admits(_ value: Double) -> Bool {
      switch self {
      case .positive: return value > 0
      case .nonNegative: return value >= 0
      case .fraction: return value > 0 && value <= 1
      case .atLeast(let minimum): return value >= minimum
      }
    }

    /// Describes what the bound allows, for messages ("a positive integer").
    func phrase(integer: Bool) -> String {
      let noun = integer ? "integer" : "number"
      switch self {
      case .positive: return "a positive \(noun)"
      case .nonNegative: return "a non-negative \(noun)"
      case .fraction: return "a number in (0, 1]"
      case .atLeast(let minimum):
        let limit = integer ? String(Int(minimum)) : String(minimum)
        return "\(integer ? "an integer" : "a number") of at least \(limit)"
      }
    }
  }

  static let leafKeys = ["value", "source", "status"]

  /// File that problems are attributed to when no overlay supplied the offending path.
  var file: String
  /// JSON paths supplied by overlay files, with the file that supplied each; later entries win.
  var origins: [(path: String, file: String)] = []
  private(set) var problems: [InputProblem] = []
  private(set) var provenance: [String: Provenance] = [:]

  init(file: String, origins: [(path: String, file: String)] = []) {
    self.file = file
    self.origins = origins
  }

  /// Joins a parent path and a key (`slrs[0]` and `dsp` give `slrs[0].dsp`).
  static func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }

  /// Returns the file that supplied a path: the overlay with the longest matching prefix.
  func file(for path: String) -> String {
    var best: (length: Int, file: String)?
    for origin in origins where Self.path(path, isWithin: origin.path) {
      if best == nil || origin.path.count >= best!.length {
        best = (origin.path.count, origin.file)
      }
    }
    return best?.file ?? file
  }

  private static func path(_ path: String, isWithin prefix: String) -> Bool {
    guard path.hasPrefix(prefix) else { return false }
    let rest = path.dropFirst(prefix.count)
    return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
  }

  /// Records a problem at a JSON path, located at a node when one is known.
  mutating func report(_ path: String, _ message: String, at node: JSONNode?) {
    let owner = file(for: path)
    if let node, node.line > 0 {
      problems.append(InputProblem(file: owner, path: path, message: message, at: node))
    } else {
      problems.append(InputProblem(file: owner, path: path, message: message))
    }
  }

  /// Checks that a node is an object and that it has no keys outside `allowed`.
  ///
  /// - Returns: `false` when the node is not an object (a problem is recorded).
  mutating func checkObject(_ node: JSONNode, path: String, allowed: [String]) -> Bool {
    guard case .object = node.value else {
      report(path.isEmpty ? "(root)" : path, "must be an object; got \(describe(node))", at: node)
      return false
    }
    for key in node.keys where !allowed.contains(key) {
      let child = node[key]
      report(
        Self.join(path, key),
        "unknown key \"\(key)\"\(DidYouMean.hint(for: key, among: allowed)); allowed keys are "
          + allowed.joined(separator: ", "),
        at: child)
    }
    return true
  }

  /// Returns a required member, recording a problem when it is missing.
  mutating func member(_ key: String, of parent: JSONNode, path: String) -> JSONNode? {
    guard let child = parent[key] else {
      report(Self.join(path, key), "missing required field \"\(key)\"", at: parent)
      return nil
    }
    return child
  }

  /// Reads a required non-empty string member.
  mutating func string(_ key: String, of parent: JSONNode, path: String) -> String {
    guard let child = member(key, of: parent, path: path) else { return "" }
    guard let text = child.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      report(Self.join(path, key), "must be a non-empty string; got \(describe(child))", at: child)
      return ""
    }
    return text
  }

  /// Reads a `{value, source, status}` leaf, records its provenance and returns the value node.
  mutating func leaf(_ key: String, of parent: JSONNode, path: String) -> JSONNode? {
    let leafPath = Self.join(path, key)
    guard let node = member(key, of: parent, path: path) else { return nil }
    guard case .object = node.value else {
      report(
        leafPath,
        "must be an object {\"value\": ..., \"source\": \"...\", \"status\": \"...\"} because every "
          + "number needs its source and status; got \(describe(node))",
        at: node)
      return nil
    }
    guard checkObject(node, path: leafPath, allowed: Self.leafKeys) else { return nil }

    let source = string("source", of: node, path: leafPath)
    let statusPath = Self.join(leafPath, "status")
    var status: SourceStatus?
    if let statusNode = member("status", of: node, path: leafPath) {
      status = statusNode.stringValue.flatMap(SourceStatus.init(rawValue:))
      if status == nil {
        let names = SourceStatus.allCases.map(\.rawValue)
        let hint = statusNode.stringValue.map { DidYouMean.hint(for: $0, among: names) } ?? ""
        report(
          statusPath,
          "must be one of \(names.joined(separator: ", ")); got \(describe(statusNode))\(hint)",
          at: statusNode)
      }
    }
    if let status, !source.isEmpty {
      provenance[leafPath] = Provenance(source: source, status: status)
    }
    return member("value", of: node, path: leafPath)
  }

  /// Reads an integer leaf that satisfies a bound; returns 0 after recording a problem.
  mutating func int(_ key: String, of parent: JSONNode, path: String, _ bound: Bound) -> Int {
    guard let node = leaf(key, of: parent, path: path) else { return 0 }
    return intValue(node, path: Self.join(path, key), bound)
  }

  /// Checks an integer value node against a bound.
  mutating func intValue(_ node: JSONNode, path: String, _ bound: Bound) -> Int {
    guard let value = node.intValue else {
      report(path, "must be \(bound.phrase(integer: true)); got \(describe(node))", at: node)
      return 0
    }
    guard bound.admits(Double(value)) else {
      report(path, "must be \(bound.phrase(integer: true)); got \(value)", at: node)
      return 0
    }
    return value
  }

  /// Reads a number leaf that satisfies a bound; returns 0 after recording a problem.
  mutating func double(_ key: String, of parent: JSONNode, path: String, _ bound: Bound)
    -> Double
  {
    let fieldPath = Self.join(path, key)
    guard let node = leaf(key, of: parent, path: path) else { return 0 }
    guard case .number(let literal, _) = node.value else {
      report(fieldPath, "must be \(bound.phrase(integer: false)); got \(describe(node))", at: node)
      return 0
    }
    guard let value = node.doubleValue else {
      report(fieldPath, "must be a finite number; got \(literal)", at: node)
      return 0
    }
    guard bound.admits(value) else {
      report(fieldPath, "must be \(bound.phrase(integer: false)); got \(literal)", at: node)
      return 0
    }
    return value
  }

  /// Describes a node for messages, such as `string "2664"` or `integer -5`.
  func describe(_ node: JSONNode) -> String {
    if case .string(let text) = node.value { return "string \"\(text.prefix(57))\"" }
    if node.isNull { return "null" }
    return "\(node.value.typeName) \(node.excerpt)"
  }
}
