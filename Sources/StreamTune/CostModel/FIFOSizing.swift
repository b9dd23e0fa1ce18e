/// The timing of one kernel's output stream, as FIFO sizing sees it.
public struct StreamTiming: Sendable, Hashable {
  /// L: cycles of the whole invocation.
  public var latency: Double
  /// D: cycles until the first token.
  public var initialDelay: Double
  /// II: cycles per token.
  public var ii: Double
  /// T: tokens produced.
  public var tokens: Int

  public init(latency: Double, initialDelay: Double, ii: Double, tokens: Int) {
    self.latency = latency
    self.initialDelay = initialDelay
    self.ii = ii
    self.tokens = tokens
  }

  /// The timing slowed to `latency` cycles: II, D and L scale together (conservative
  /// equalisation).
  public func slowed(to latency: Double) -> StreamTiming {
    guard latency > self.latency, self.latency > 0 else { return self }
    let factor = latency / self.latency
    return StreamTiming(
      latency: latency, initialDelay: initialDelay * factor, ii: ii * factor, tokens: tokens)
  }
}

/// FIFO depths from the produced-minus-consumed token curves of an edge.
public enum FIFOSizing {
  /// The smallest depth a FIFO may have.
  public static let minimumDepth = 2

  /// Peak occupancy of a FIFO whose consumer starts `delay` cycles after its producer.
  ///
  /// Both token curves are piecewise linear: the producer emits its first token at D_u and then
  /// one every II_u; the consumer takes one every II_v from `delay` on. When the producer is
  /// faster, tokens pile up until the producer finishes at L_u, and the consumer has by then
  /// taken floor((L_u − delay) / II_v) of the T tokens. When the producer is slower, the
  /// consumer is never starved after its start and the FIFO holds what was produced before the
  /// consumer started, ceil((delay − D_u) / II_u). Both are capped at T and clamped to at
  /// least `minimumDepth`.
  ///
  /// - Parameters:
  ///   - producer: timing of the producing kernel.
  ///   - consumerII: the consumer's cycles per token of this edge.
  ///   - delay: consumer start minus producer start, in cycles.
  /// - Returns: the depth in tokens.
  public static func depth(producer: StreamTiming, consumerII: Double, delay: Double) -> Int {
    let tokens = Double(max(1, producer.tokens))
    let occupancy: Double
    if producer.ii < consumerII {
      let consumed = ((producer.latency - delay) / consumerII).rounded(.down)
      occupancy = min(tokens, tokens - max(0, consumed))
    } else {
      let produced = ((delay - producer.initialDelay) / max(producer.ii, 1e-9)).rounded(.up)
      occupancy = min(tokens, max(0, produced))
    }
    return max(minimumDepth, Int(occupancy))
  }
}
