/// A parsed JSON document node that remembers where it came from.
///
/// Numbers keep their literal text so that `22` and `22.0` and `22.5` stay distinct: a
/// configuration field that must be an integer can then reject `22.5` with the value the user
/// wrote. Object members keep their file order, which makes error lists follow the file.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number with its literal text (for example `"1e-06"`) and its value as a `Double`.
  case number(literal: String, value: Double)
  case string(String)
  case array([JSONNode])
  case object([JSONMember])

  /// The JSON type name used in error messages (`"object"`, `"integer"`, `"number"`, ...).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number(let literal, _): return JSONValue.isIntegerLiteral(literal) ? "integer" : "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// Reports whether a number literal has no fraction and no exponent.
  static func isIntegerLiteral(_ literal: String) -> Bool {
    !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
  }
}

/// A JSON value with its 1-based line and column in the source text.
public struct JSONNode: Sendable, Equatable {
  public var value: JSONValue
  public var line: Int
  public var column: Int

  public init(_ value: JSONValue, line: Int = 0, column: Int = 0) {
    self.value = value
    self.line = line
    self.column = column
  }

  /// The member of an object with the given key, or `nil` when absent or not an object.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = value else { return nil }
    return members.first(where: { $0.key == key })?.value
  }

  /// The keys of an object in file order; empty for other values.
  public var keys: [String] {
    guard case .object(let members) = value else { return [] }
    return members.map(\.key)
  }

  /// The elements of an array, or `nil` for other values.
  public var elements: [JSONNode]? {
    guard case .array(let elements) = value else { return nil }
    return elements
  }

  /// The string value, or `nil` for other values.
  public var stringValue: String? {
    guard case .string(let text) = value else { return nil }
    return text
  }

  /// The numeric value of a finite number, or `nil` for other values.
  public var doubleValue: Double? {
    guard case .number(_, let number) = value, number.isFinite else { return nil }
    return number
  }

  /// The value of an integer literal that fits in `Int`, or `nil` otherwise.
  public var intValue: Int? {
    guard case .number(let literal, _) = value, JSONValue.isIntegerLiteral(literal) else {
      return nil
    }
    return Int(literal)
  }

  /// The Boolean value, or `nil` for other values.
  public var boolValue: Bool? {
    guard case .bool(let flag) = value else { return nil }
    return flag
  }

  /// Reports whether the value is JSON `null`.
  public var isNull: Bool { value == .null }

  /// The value as written in JSON, shortened to at most 60 characters, for error messages.
  public var excerpt: String {
    let text: String
    switch value {
    case .null: text = "null"
    case .bool(let flag): text = flag ? "true" : "false"
    case .number(let literal, _): text = literal
    case .string(let string): text = "\"\(string)\""
    case .array(let elements): text = "[... \(elements.count) elements]"
    case .object(let members): text = "{... \(members.count) keys}"
    }
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }
}

/// One key-value pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
  public var key: String
  public var value: JSONNode

  public init(key: String, value: JSONNode) {
    self.key = key
    self.value = value
  }
}
