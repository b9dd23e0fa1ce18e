import Foundation

/// A non-negative integer of any size, for design-space cardinalities that overflow `UInt64`.
///
/// Only what counting needs: addition, multiplication, comparison, a decimal string and a
/// base-10 logarithm. Limbs are 32-bit, least significant first, with no leading zero limb.
public struct BigCount: Sendable, Hashable, Comparable, CustomStringConvertible {
  private var limbs: [UInt32]

  public static let zero = BigCount(0)
  public static let one = BigCount(1)

  public init(_ value: UInt64) {
    limbs = []
    var rest = value
    while rest > 0 {
      limbs.append(UInt32(truncatingIfNeeded: rest))
      rest >>= 32
    }
  }

  public init(_ value: Int) {
    precondition(value >= 0, "a count is never negative")
    self.init(UInt64(value))
  }

  public var isZero: Bool { limbs.isEmpty }

  /// The value, or `nil` when it does not fit in 64 bits.
  public var uint64Value: UInt64? {
    guard limbs.count <= 2 else { return nil }
    var value: UInt64 = 0
    for (index, limb) in limbs.enumerated() {
      value |= UInt64(limb) << (32 * UInt64(index))
    }
    return value
  }

  /// The value as a `Double`, rounded; `+infinity` past about 1.8e308.
  public var doubleValue: Double {
    limbs.reversed().reduce(0.0) { $0 * 4_294_967_296.0 + Double($1) }
  }

  /// Base-10 logarithm; `-infinity` for zero.
  ///
  /// Uses the top two limbs and the limb count, so it stays finite for any size.
  public var log10Value: Double {
    guard !limbs.isEmpty else { return -.infinity }
    let top = limbs.count - 1
    var leading = Double(limbs[top])
    if top > 0 { leading = leading * 4_294_967_296.0 + Double(limbs[top - 1]) }
    let droppedLimbs = max(0, top - 1)
    return Foundation.log10(leading) + Double(droppedLimbs) * 32.0 * Foundation.log10(2.0)
  }

  /// Decimal digits, without separators.
  ///
  /// - Complexity: O(n²) in the number of limbs.
  public var description: String {
    guard !limbs.isEmpty else { return "0" }
    var remaining = limbs
    var chunks: [UInt32] = []
    while !remaining.isEmpty {
      var remainder: UInt64 = 0
      for index in stride(from: remaining.count - 1, through: 0, by: -1) {
        let current = (remainder << 32) | UInt64(remaining[index])
        remaining[index] = UInt32(current / 1_000_000_000)
        remainder = current % 1_000_000_000
      }
      while remaining.last == 0 { remaining.removeLast() }
      chunks.append(UInt32(remainder))
    }
    var text = String(chunks.removeLast())
    for chunk in chunks.reversed() {
      let digits = String(chunk)
      text += String(repeating: "0", count: 9 - digits.count) + digits
    }
    return text
  }

  public static func + (left: BigCount, right: BigCount) -> BigCount {
    var result: [UInt32] = []
    result.reserveCapacity(max(left.limbs.count, right.limbs.count) + 1)
    var carry: UInt64 = 0
    for index in 0..<max(left.limbs.count, right.limbs.count) {
      let a = index < left.limbs.count ? UInt64(left.limbs[index]) : 0
      let b = index < right.limbs.count ? UInt64(right.limbs[index]) : 0
      let sum = a + b + carry
      result.append(UInt32(truncatingIfNeeded: sum))
      carry = sum >> 32
    }
    if carry > 0 { result.append(UInt32(carry)) }
    return BigCount(limbs: result)
  }

  public static func += (left: inout BigCount, right: BigCount) {
    left = left + right
  }

  /// Schoolbook multiplication.
  ///
  /// - Complexity: O(n × m) in the limb counts.
  public static func * (left: BigCount, right: BigCount) -> BigCount {
    guard !left.limbs.isEmpty, !right.limbs.isEmpty else { return .zero }
    var result = [UInt32](repeating: 0, count: left.limbs.count + right.limbs.count)
    for (i, a) in left.limbs.enumerated() {
      var carry: UInt64 = 0
      for (j, b) in right.limbs.enumerated() {
        let product = UInt64(a) * UInt64(b) + UInt64(result[i + j]) + carry
        result[i + j] = UInt32(truncatingIfNeeded: product)
        carry = product >> 32
      }
      var position = i + right.limbs.count
      while carry > 0 {
        let sum = UInt64(result[position]) + carry
        result[position] = UInt32(truncatingIfNeeded: sum)
        carry = sum >> 32
        position += 1
      }
    }
    return BigCount(limbs: result)
  }

  public static func < (left: BigCount, right: BigCount) -> Bool {
    if left.limbs.count != right.limbs.count { return left.limbs.count < right.limbs.count }
    for index in stride(from: left.limbs.count - 1, through: 0, by: -1)
    where left.limbs[index] != right.limbs[index] {
      return left.limbs[index] < right.limbs[index]
    }
    return false
  }

  private init(limbs: [UInt32]) {
    var trimmed = limbs
    while trimmed.last == 0 { trimmed.removeLast() }
    self.limbs = trimmed
  }
}
