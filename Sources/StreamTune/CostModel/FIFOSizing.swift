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

  /// Returns the part of the stream that a consumer of a slice receives, when the slice
  /// contains `share` of the tokens: the same L and D, ceil(T × share) tokens, one every L / tokens cycles.
  public func sliced(_ share: Double) -> StreamTiming {
    // NOTE: Every slice keeps the producer's D, although a later slice (k or v) starts only
    // after the earlier slices' tiles of the first row block, so its D is slightly understated.
    guard share < 1, share > 0 else { return self }
    let sliceTokens = max(1, Int((Double(tokens) * share).rounded(.up)))
    return StreamTiming(
      latency: latency, initialDelay: initialDelay, ii: latency / Double(sliceTokens),
      tokens: sliceTokens)
  }
}

/// FIFO depths from the produced-minus-consumed token curves of an edge.
public enum FIFOSizing {
  /// The smallest depth a FIFO may have.
  public static let minimumDepth = 2

  /// Narrowest word, in bits, that a stream of wider tokens is cut into: a token of a 32 × 64
  /// int8 tile (16,384 bits) moves as 32 beats of 512 bits instead of over 16,384 wires. This
  /// is a choice of the model (the width of an AXI port word), not a vendor figure.
  public static let beatBits = 512

  /// Bits of one word of an edge's FIFO and converter memory.
  ///
  /// A token wider than `beatBits` moves in beats of `beatBits`, unless tokens come so fast
  /// that the beats of one token would not fit between two tokens: then the word widens to
  /// ceil(token bits / cycles per token). Narrower tokens move whole.
  ///
  /// - Parameters:
  ///   - tokenBits: bits of one token.
  ///   - cyclesPerToken: the fewest cycles between two tokens on either side of the edge.
  public static func wordBits(tokenBits: Int, cyclesPerToken: Double) -> Int {
    let token = max(1, tokenBits)
    guard token > beatBits else { return token }
    let cycles = cyclesPerToken.isFinite ? max(1, Int(cyclesPerToken.rounded(.down))) : 1
    let needed = (token + cycles - 1) / cycles
    return min(token, max(beatBits, needed))
  }

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
  /// A layout converter on the edge holds two slabs of produced tokens (its ping-pong halves),
  /// and those tokens are in flight too, so the FIFO needs only the occupancy beyond them.
  ///
  /// - Parameters:
  ///   - producer: timing of the producing kernel.
  ///   - consumerII: the consumer's cycles per token of this edge.
  ///   - delay: consumer start minus producer start, in cycles.
  ///   - heldByConverter: tokens of this edge that its converter buffers (0 without one).
  /// - Returns: the depth in tokens.
  public static func depth(
    producer: StreamTiming, consumerII: Double, delay: Double, heldByConverter: Int = 0
  ) -> Int {
    let tokens = Double(max(1, producer.tokens))
    let occupancy: Double
    if producer.ii < consumerII {
      let consumed = ((producer.latency - delay) / consumerII).rounded(.down)
      occupancy = min(tokens, tokens - max(0, consumed))
    } else {
      let produced = ((delay - producer.initialDelay) / max(producer.ii, 1e-9)).rounded(.up)
      occupancy = min(tokens, max(0, produced))
    }
    return max(minimumDepth, Int(occupancy) - max(0, heldByConverter))
  }

  /// Returns the tokens of an edge that a converter with `fillTokens` producer tokens per slab
  /// stores in its two halves, for an edge that carries `share` of the producer's tokens.
  public static func converterTokens(fillTokens: Int, share: Double) -> Int {
    guard fillTokens > 0 else { return 0 }
    return 2 * Int((Double(fillTokens) * min(1, max(0, share))).rounded(.down))
  }
}
