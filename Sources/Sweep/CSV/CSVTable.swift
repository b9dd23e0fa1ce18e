import Foundation

/// Errors reading a CSV file.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  case unterminatedQuote(line: Int)
  case fieldCount(line: Int, expected: Int, found: Int)
  case missingColumn(String)
  case empty

  public var description: String {
    switch self {
    case .unterminatedQuote(let line):
      return "line \(line): a quoted field is not closed"
    case .fieldCount(let line, let expected, let found):
      return "line \(line): \(found) fields, but the header has \(expected)"
    case .missingColumn(let name):
      return "missing column \"\(name)\""
    case .empty:
      return "the file has no header line"
    }
  }
}

/// A CSV table (RFC 4180): a header and rows of text fields.
public struct CSVTable: Sendable, Equatable {
  public var header: [String]
  public var rows: [[String]]

  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// The position of a column, or `nil` when absent.
  public func column(_ name: String) -> Int? {
    header.firstIndex(of: name)
  }

  /// Parses CSV text; a final line without its newline is kept only if `keepUnterminated`.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - keepUnterminated: Whether a last line that does not end in a newline is a row. A
  ///     journal that was killed mid-write leaves such a torn line, which must be dropped.
  /// - Returns: The table and whether a torn last line was dropped.
  /// - Throws: `CSVError` for an unterminated quote (outside a torn last line) or a row whose
  ///   field count differs from the header's.
  /// - Complexity: O(n) in the length of the text.
  public static func parse(_ text: String, keepUnterminated: Bool = true) throws(CSVError) -> (
    table: CSVTable, droppedTornLine: Bool
  ) {
    var records: [[String]] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var fieldStarted = false
    var line = 1
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func nextScalar() -> Unicode.Scalar? {
      if let scalar = pending {
        pending = nil
        return scalar
      }
      return iterator.next()
    }
    while let scalar = nextScalar() {
      if inQuotes {
        if scalar == "\"" {
          if let following = iterator.next() {
            if following == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              pending = following
            }
          } else {
            inQuotes = false
          }
        } else {
          if scalar == "\n" { line += 1 }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where !fieldStarted || field.isEmpty:
        inQuotes = true
        fieldStarted = true
      case ",":
        fields.append(field)
        field = ""
        fieldStarted = false
      case "\r":
        continue
      case "\n":
        fields.append(field)
        records.append(fields)
        fields = []
        field = ""
        fieldStarted = false
        line += 1
      default:
        field.unicodeScalars.append(scalar)
        fieldStarted = true
      }
    }
    var dropped = false
    if inQuotes || fieldStarted || !fields.isEmpty || !field.isEmpty {
      if keepUnterminated {
        if inQuotes { throw .unterminatedQuote(line: line) }
        fields.append(field)
        records.append(fields)
      } else {
        dropped = true
      }
    }
    guard let header = records.first else { throw .empty }
    for (offset, record) in records.dropFirst().enumerated() where record.count != header.count {
      throw .fieldCount(line: offset + 2, expected: header.count, found: record.count)
    }
    return (CSVTable(header: header, rows: Array(records.dropFirst())), dropped)
  }

  /// Quotes a field when it contains a comma, quote or line break.
  public static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One CSV line with its trailing newline.
  public static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  /// The whole table as CSV text.
  public var text: String {
    CSVTable.line(header) + rows.map(CSVTable.line).joined()
  }
}
