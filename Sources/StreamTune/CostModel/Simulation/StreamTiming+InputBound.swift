extension StreamTiming {
  /// Cycles between consecutive output tokens when unstalled: the T tokens spread evenly from D
  /// to L. Equals II when L = D + (T − 1) × II; shorter than the average II = L / T for a
  /// reduction-outermost kernel, whose last reduction step emits its tiles back to back.
  public var spacing: Double {
    guard tokens > 1 else { return max(latency - initialDelay, 1) }
    return max(0, latency - initialDelay) / Double(tokens - 1)
  }

  /// Cycles from a kernel's last input token to its last output token: the `drainTokens`
  /// outputs that wait for the last input, one spacing apart. For a reduction-outermost kernel
  /// this is the last reduction step over every parallel tile, not drain × the average II.
  ///
  /// - Parameter drainTokens: outputs emitted after the last input (1 for streaming kernels).
  /// - Returns: the tail in cycles.
  /// - Complexity: O(1).
  public func drainCycles(drainTokens: Int) -> Double {
    Double(max(1, min(drainTokens, tokens))) * spacing
  }

  /// The last token of an input stream of `inputTokens` tokens that output token `output`
  /// needs, when outputs come in groups of `drainTokens` (see `SimulatedRegion`).
  public func lastInputNeeded(byOutput output: Int, inputTokens: Int, drainTokens: Int) -> Int {
    Self.lastInputNeeded(
      byOutput: output, outputTokens: tokens, inputTokens: inputTokens, drainTokens: drainTokens)
  }

  /// Returns the last input token that output token `output` of a kernel with `outputTokens`
  /// outputs needs, as `lastInputNeeded(byOutput:inputTokens:drainTokens:)` does, from the
  /// token counts alone.
  ///
  /// - Complexity: O(1).
  public static func lastInputNeeded(
    byOutput output: Int, outputTokens tokens: Int, inputTokens: Int, drainTokens: Int
  ) -> Int {
    let drain = max(1, min(drainTokens, tokens))
    let groups = (tokens + drain - 1) / drain
    let group = output / drain
    let needed = ((group + 1) * inputTokens + groups - 1) / groups
    return min(inputTokens, max(1, needed)) - 1
  }

  /// Raises D, and L by the same amount (II, the steady rate, stays), of every kernel whose
  /// first output waits for a slower producer.
  ///
  /// A kernel starts when the first token of each input arrives, but its first output needs
  /// input tokens 0 ... n of each producer u (n = 0 for a streaming kernel fed at its own rate,
  /// the whole stream for a reduction), and token n of u arrives n × spacing_u after u's first.
  /// With every kernel at its earliest start, the first output of v therefore comes at
  /// max(t_v + D_v, max over producers u of (first arrival from u + n × spacing_u + one own
  /// spacing)); D_v becomes that time minus t_v. Without this, start times downstream are too
  /// early: a bypass FIFO around such a kernel is sized too shallow (and can deadlock), and the
  /// region latency is underestimated.
  ///
  /// - Parameters:
  ///   - timings: timing of every kernel, in topological order.
  ///   - drainTokens: drain tokens of every kernel (1 for streaming kernels).
  ///   - edges: producer, consumer and extra delay (converter fill, SLR crossings) of every
  ///     stream inside a region.
  /// - Returns: the adjusted timings; kernels without such a wait keep theirs.
  /// - Complexity: O(kernels + edges).
  public static func inputBound(
    _ timings: [StreamTiming], drainTokens: [Int],
    edges: [(producer: Int, consumer: Int, delay: Double)]
  ) -> [StreamTiming] {
    var result = timings
    var incoming = Array(repeating: [(producer: Int, delay: Double)](), count: timings.count)
    for edge in edges where edge.producer < edge.consumer {
      incoming[edge.consumer].append((edge.producer, edge.delay))
    }
    var start = Array(repeating: 0.0, count: timings.count)

    for kernel in result.indices where !incoming[kernel].isEmpty {
      let timing = result[kernel]
      for input in incoming[kernel] {
        start[kernel] = max(
          start[kernel], start[input.producer] + result[input.producer].initialDelay + input.delay)
      }
      var firstOutput = start[kernel] + timing.initialDelay
      for input in incoming[kernel] {
        let source = result[input.producer]
        firstOutput = max(
          firstOutput,
          timing.firstOutputBound(
            arrival: start[input.producer] + source.initialDelay + input.delay, source: source,
            drainTokens: drainTokens[kernel]))
      }
      result[kernel] = timing.delayed(firstOutput: firstOutput, start: start[kernel])
    }
    return result
  }

  /// Returns the earliest first output that one input allows: one lag (a spacing, at most D)
  /// after the last token of `source` that the first output needs, when the source's first
  /// token arrives at `arrival`.
  ///
  /// - Complexity: O(1).
  public func firstOutputBound(arrival: Double, source: StreamTiming, drainTokens: Int) -> Double {
    let lag = tokens > 1 ? min(spacing, initialDelay) : 1
    let needed = lastInputNeeded(
      byOutput: 0, inputTokens: source.tokens, drainTokens: drainTokens)
    return arrival + Double(needed) * source.spacing + lag
  }

  /// Returns the timing with D and L raised by the same amount, so that a kernel started at
  /// `start` emits its first output at `firstOutput`. The timing is unchanged when that is not
  /// later than start + D.
  ///
  /// - Complexity: O(1).
  public func delayed(firstOutput: Double, start: Double) -> StreamTiming {
    let extra = firstOutput - start - initialDelay
    guard extra > 1e-9 else { return self }
    return StreamTiming(
      latency: latency + extra, initialDelay: initialDelay + extra, ii: ii, tokens: tokens)
  }
}
