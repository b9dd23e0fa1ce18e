/// A compact 64-bit key of a configuration, for the sets of seen designs that strategies keep.
///
/// When the product of the value counts fits in 64 bits, the key is the configuration's exact
/// mixed-radix number, so distinct configurations never share a key. Larger grids use a 64-bit
/// FNV-1a hash of the indices; two of a million designs then share a key with probability about
/// 3e-8, and a strategy would skip the second as already seen. A key takes 8 bytes where an
/// array of value indices takes over a hundred, which keeps a sweep of millions of designs small.
public struct ConfigurationKeyer: Sendable {
  private let radices: [UInt64]
  private let exact: Bool

  public init(space: any EncodedSpace) {
    var radices: [UInt64] = []
    var product: UInt64 = 1
    var exact = true
    for variable in 0..<space.variableCount {
      let count = UInt64(max(1, space.valueCount(of: variable)))
      radices.append(count)
      let (next, overflow) = product.multipliedReportingOverflow(by: count)
      if overflow { exact = false }
      product = next
    }
    self.radices = radices
    self.exact = exact
  }

  /// The key of a configuration.
  ///
  /// - Complexity: O(variables).
  public func key(_ configuration: [Int]) -> UInt64 {
    if exact {
      var value: UInt64 = 0
      for (index, digit) in configuration.enumerated() {
        value = value &* radices[index] &+ UInt64(digit)
      }
      return value
    }
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for digit in configuration {
      var remaining = UInt64(bitPattern: Int64(digit))
      for _ in 0..<8 {
        hash ^= remaining & 0xFF
        hash = hash &* 0x0000_0100_0000_01B3
        remaining >>= 8
      }
    }
    return hash
  }
}
