/// One dataflow region as the token-level simulator runs it: kernels with their stream timing
/// and channels (bounded FIFOs) between them.
///
/// Token semantics, chosen to match the analytic model's assumptions:
/// - A kernel starts when the first token of every input is available (a kernel without inputs
///   starts at 0). Unstalled, it emits output token j at start + D + j × s, where the spacing
///   s = (L − D) / (T − 1) spreads the T tokens evenly between D and L. When L = D + (T − 1) ×
///   II the spacing is II; for reduction-outermost kernels, whose last reduction step emits its
///   tiles back to back, s is shorter than the average II = L / T.
/// - It reads the tokens of input channel e in order, at most one every L / T_e cycles from
///   its start: the consumer rate in the channel's tokens that FIFO sizing assumes.
/// - Output tokens form groups of `drainTokens` (1 for a streaming kernel; every parallel tile
///   inside the outermost reduction loop for a reduction kernel). Of G = ceil(T / drain)
///   groups, group g needs input tokens 0 ..< ceil((g + 1) × T_e / G) of channel e, and each
///   output follows its last needed input by at least one spacing. A kernel whose drain is T
///   needs its whole input before its first output.
/// - Blocking writes: output token j enters every output channel at once, one cycle after the
///   consumer read token j − depth (a full FIFO accepts no write in the cycle it is read, as
///   in a registered-flag hardware FIFO).
/// - Blocking reads propagate back pressure: a kernel holds at most ceil(D / s) + 1 outputs in
///   flight, so it reads the inputs of output j only after output j − ceil(D / s) − 1 left.
public struct SimulatedRegion: Sendable, Hashable {
  /// One kernel of the region.
  public struct Kernel: Sendable, Hashable {
    public var timing: StreamTiming
    /// Output tokens emitted after the last input token arrives (see `KernelEstimate`).
    public var drainTokens: Int

    public init(timing: StreamTiming, drainTokens: Int = 1) {
      precondition(timing.tokens >= 1, "a kernel emits at least one token")
      self.timing = timing
      self.drainTokens = max(1, min(drainTokens, timing.tokens))
    }

    /// Cycles between consecutive output tokens when unstalled.
    public var spacing: Double { timing.spacing }

    /// Outputs a kernel may have read inputs for but not yet emitted.
    var inFlight: Int {
      let step = spacing
      guard step > 0 else { return timing.tokens }
      return min(timing.tokens, Int((timing.initialDelay / step).rounded(.up)) + 1)
    }

    /// The last input token (index) of a channel with `inputTokens` tokens that output `output`
    /// needs.
    public func lastInputNeeded(byOutput output: Int, inputTokens: Int) -> Int {
      timing.lastInputNeeded(byOutput: output, inputTokens: inputTokens, drainTokens: drainTokens)
    }

    /// The first output that needs input token `input` of a channel with `inputTokens` tokens.
    public func firstOutputNeeding(input: Int, inputTokens: Int) -> Int {
      var low = 0
      var high = timing.tokens - 1
      while low < high {
        let middle = (low + high) / 2
        if lastInputNeeded(byOutput: middle, inputTokens: inputTokens) >= input {
          high = middle
        } else {
          low = middle + 1
        }
      }
      return low
    }
  }

  /// One FIFO between two kernels of the region.
  public struct Channel: Sendable, Hashable {
    public var producer: Int
    public var consumer: Int
    /// Capacity in tokens; at least 1.
    public var depth: Int
    /// Cycles a token spends between the producer's write and the consumer's first chance to
    /// read it (SLR crossings, converter fill); 0 for a plain FIFO.
    public var latencyCycles: Double

    public init(producer: Int, consumer: Int, depth: Int, latencyCycles: Double = 0) {
      precondition(depth >= 1, "a FIFO holds at least one token")
      self.producer = producer
      self.consumer = consumer
      self.depth = depth
      self.latencyCycles = latencyCycles
    }
  }

  public var kernels: [Kernel]
  public var channels: [Channel]

  /// Creates a region.
  ///
  /// - Precondition: every channel runs from a lower to a higher kernel index (kernels in
  ///   topological order), so the region is a DAG.
  public init(kernels: [Kernel], channels: [Channel]) {
    for channel in channels {
      precondition(
        channel.producer < channel.consumer && channel.consumer < kernels.count,
        "channels must run forward between kernels of the region")
    }
    self.kernels = kernels
    self.channels = channels
  }

  /// The same region with the depth of one channel replaced.
  public func withDepth(_ depth: Int, ofChannel channel: Int) -> SimulatedRegion {
    var copy = self
    copy.channels[channel].depth = max(1, depth)
    return copy
  }
}
