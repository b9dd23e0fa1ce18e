/// An error in JSON syntax, with the 1-based line and column where parsing stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int

  public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON parser that records the line and column of every value.
///
/// Foundation's `JSONSerialization` reports neither positions nor the literal text of numbers,
/// and users need both to fix a broken search-space or model file. Beyond RFC 8259 the parser
/// rejects duplicate object keys and `NaN`/`Infinity` literals with their position.
public struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0
  private static let maximumDepth = 200

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses a complete JSON document.
  ///
  /// - Parameter bytes: UTF-8 text of the document.
  /// - Returns: The root node.
  /// - Throws: `JSONSyntaxError` for an empty document, invalid syntax, a duplicate key, a
  ///   non-finite number or trailing content.
  /// - Complexity: O(n) in the length of the text.
  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    guard parser.index < bytes.count else {
      throw JSONSyntaxError(message: "the file is empty", line: parser.line, column: 1)
    }
    let root = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index < bytes.count {
      throw parser.error("unexpected content after the end of the top-level value")
    }
    return root
  }

  /// Parses a complete JSON document from a string.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
    try parse(Array(text.utf8))
  }

  private var column: Int { index - lineStart + 1 }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(message: message, line: line, column: column)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
        lineStart = index
      default:
        return
      }
    }
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
    skipWhitespace()
    guard index < bytes.count else { throw error("unexpected end of file") }
    let startLine = line
    let startColumn = column
    let value: JSONValue
    switch bytes[index] {
    case UInt8(ascii: "{"): value = try parseObject()
    case UInt8(ascii: "["): value = try parseArray()
    case UInt8(ascii: "\""): value = .string(try parseString())
    case UInt8(ascii: "t"): value = try parseKeyword("true", .bool(true))
    case UInt8(ascii: "f"): value = try parseKeyword("false", .bool(false))
    case UInt8(ascii: "n"): value = try parseKeyword("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      throw error("NaN and Infinity are not valid JSON numbers; write a finite number")
    default:
      throw error("unexpected character '\(Character(UnicodeScalar(bytes[index])))'")
    }
    return JSONNode(value, line: startLine, column: startColumn)
  }

  private mutating func parseKeyword(_ word: String, _ value: JSONValue) throws(JSONSyntaxError)
    -> JSONValue
  {
    let expected = Array(word.utf8)
    guard index + expected.count <= bytes.count,
      Array(bytes[index..<index + expected.count]) == expected
    else {
      throw error("invalid literal; expected '\(word)'")
    }
    index += expected.count
    return value
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    index += 1
    var members: [JSONMember] = []
    var seen = Set<String>()
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file inside an object") }
      guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
      let keyLine = line
      let keyColumn = column
      let key = try parseString()
      guard seen.insert(key).inserted else {
        throw JSONSyntaxError(message: "duplicate key \"\(key)\"", line: keyLine, column: keyColumn)
      }
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file inside an object") }
      guard bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
      index += 1
      let value = try parseValue()
      members.append(JSONMember(key: key, value: value))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file inside an object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
      index += 1
      depth -= 1
      return .object(members)
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    index += 1
    var elements: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file inside an array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
      index += 1
      depth -= 1
      return .array(elements)
    }
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
      throw error("Infinity is not a valid JSON number; write a finite number")
    }
    guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
    if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
      throw error("invalid number: leading zeros are not allowed")
    }
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("invalid number: expected a digit after '.'")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
    {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("invalid number: expected a digit in the exponent")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let literal = String(decoding: bytes[start..<index], as: UTF8.self)
    let value = Double(literal) ?? .nan
    return .number(literal: literal, value: value)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    var text = ""
    while true {
      guard index < bytes.count else { throw error("unexpected end of file inside a string") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        text += String(decoding: bytes[runStart..<index], as: UTF8.self)
        index += 1
        text.unicodeScalars.append(contentsOf: scalars)
        return text
      }
      if byte < 0x20 {
        throw error("control character inside a string; escape it or close the string")
      }
      if byte == UInt8(ascii: "\\") {
        text += String(decoding: bytes[runStart..<index], as: UTF8.self)
        text.unicodeScalars.append(contentsOf: scalars)
        scalars = String.UnicodeScalarView()
        text.unicodeScalars.append(try parseEscape())
        runStart = index
        continue
      }
      index += 1
    }
  }

  private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
    index += 1
    guard index < bytes.count else { throw error("unexpected end of file inside a string") }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "f"): return "\u{C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try parseHex4()
      if (0xD800..<0xDC00).contains(high) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw error("unpaired UTF-16 surrogate in \\u escape") }
        index += 2
        let low = try parseHex4()
        guard (0xDC00..<0xE000).contains(low) else {
          throw error("invalid UTF-16 surrogate pair in \\u escape")
        }
        let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return Unicode.Scalar(combined) ?? "\u{FFFD}"
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw error("unpaired UTF-16 surrogate in \\u escape")
      }
      return scalar
    default:
      throw error("invalid escape sequence in a string")
    }
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("unexpected end of file in \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid hexadecimal digit in \\u escape")
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }
}
