/// The 64-bit FNV-1a hash of a JSON document's canonical text.
///
/// The canonical text has object keys sorted by their UTF-8 bytes, no whitespace, strings
/// re-escaped minimally and numbers as written, so reformatting a file or reordering its keys
/// keeps the hash while any change of value alters it. FNV-1a is not cryptographic; it
/// identifies inputs in result files, it does not protect them.
public enum ContentHash {
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// Hashes bytes with 64-bit FNV-1a, continuing from `seed`.
  ///
  /// - Complexity: O(n).
  public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = 0xcbf2_9ce4_8422_2325)
    -> UInt64
  where Bytes.Element == UInt8 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* prime
    }
    return hash
  }

  /// Hashes the canonical text of each document in turn.
  public static func hash(_ documents: [JSONNode]) -> UInt64 {
    var hash = offsetBasis
    for document in documents {
      hash = fnv1a64(canonicalText(document).utf8, seed: hash)
      hash = fnv1a64([0], seed: hash)
    }
    return hash
  }

  /// The hash as 16 lowercase hexadecimal digits.
  public static func hex(_ hash: UInt64) -> String {
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// The canonical text of a document: sorted keys, no whitespace, numbers as written.
  public static func canonicalText(_ node: JSONNode) -> String {
    var text = ""
    write(node, into: &text)
    return text
  }

  private static func write(_ node: JSONNode, into text: inout String) {
    switch node.value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .number(let literal, _): text += literal
    case .string(let string): writeString(string, into: &text)
    case .array(let elements):
      text += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { text += "," }
        write(element, into: &text)
      }
      text += "]"
    case .object(let members):
      text += "{"
      let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
      for (index, member) in sorted.enumerated() {
        if index > 0 { text += "," }
        writeString(member.key, into: &text)
        text += ":"
        write(member.value, into: &text)
      }
      text += "}"
    }
  }

  private static func writeString(_ string: String, into text: inout String) {
    text += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      default:
        if scalar.value < 0x20 {
          let digits = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
