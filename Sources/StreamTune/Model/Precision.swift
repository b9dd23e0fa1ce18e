/// Numeric precision of the accelerator's datapath, such as W4A8 with int32 accumulation.
public struct Precision: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Type of the accumulator of multiply-accumulate kernels.
  public enum Accumulator: String, Sendable, Hashable, Codable, CaseIterable {
    case int32
    case fp16
    case fp32
  }

  /// Bits per weight element (4, 8, 16 or 32).
  public var weightBits: Int
  /// Bits per activation element (8, 16 or 32).
  public var activationBits: Int
  public var accumulator: Accumulator
  /// Whether weights and activations are floating point (fp16/bf16/fp32) rather than integers.
  public var floatingPoint: Bool

  public init(weightBits: Int, activationBits: Int, accumulator: Accumulator, floatingPoint: Bool) {
    self.weightBits = weightBits
    self.activationBits = activationBits
    self.accumulator = accumulator
    self.floatingPoint = floatingPoint
  }

  /// W4A8 with int32 accumulation, the precision of StreamTensor's published GPT-2 design.
  public static let w4a8 = Precision(
    weightBits: 4, activationBits: 8, accumulator: .int32, floatingPoint: false)

  public var weightType: ElementType {
    floatingPoint ? .float(bits: weightBits) : .int(bits: weightBits)
  }

  public var activationType: ElementType {
    floatingPoint ? .float(bits: activationBits) : .int(bits: activationBits)
  }

  public var accumulatorType: ElementType {
    switch accumulator {
    case .int32: return .int(bits: 32)
    case .fp16: return .float(bits: 16)
    case .fp32: return .float(bits: 32)
    }
  }

  public var description: String {
    "W\(weightBits)A\(activationBits) (\(floatingPoint ? "float" : "int"), \(accumulator.rawValue) accumulator)"
  }
}
