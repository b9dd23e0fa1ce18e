import Numerics

/// The analytic model's view of one region, for comparison with `RegionSimulator`: start
/// times, FIFO depths and region latency by the same formulas the cost model uses.
///
/// Kernel timings first get `StreamTiming.inputBound`, as in the cost model. FIFO depths come
/// from `StartTimeProblem` (the linear program, solved with CLP when the region is
/// reconvergent) and `FIFOSizing.depth` with the consumer's rate in the edge's tokens,
/// L_v / T_u. The latency uses the earliest start times the edge delays allow and
/// f_k = max(t_k + L_k, max over producers p of f_p + edge latency + s_k × drain_k), the
/// region's latency being the latest finish.
public struct AnalyticRegion: Sendable {
  public let region: SimulatedRegion
  /// Bits of one token per channel, the weight of the linear program's objective.
  public let tokenBits: [Int]

  /// Creates the analytic view of a region; channel depths of `region` are ignored.
  ///
  /// - Parameters:
  ///   - region: kernels in topological order and their channels.
  ///   - tokenBits: bits of one token per channel; 32 each when `nil`.
  public init(region: SimulatedRegion, tokenBits: [Int]? = nil) {
    self.region = region
    self.tokenBits = tokenBits ?? Array(repeating: 32, count: region.channels.count)
    timings = StreamTiming.inputBound(
      region.kernels.map(\.timing), drainTokens: region.kernels.map(\.drainTokens),
      edges: region.channels.map { ($0.producer, $0.consumer, $0.latencyCycles) })
  }

  /// Kernel timings after the input-bound adjustment.
  public let timings: [StreamTiming]

  /// The start-time program of the region: t_v − t_u ≥ D_u + edge latency for every channel.
  public var startTimeProblem: StartTimeProblem {
    let arcs = region.channels.enumerated().map { index, channel in
      let producer = timings[channel.producer]
      return StartTimeProblem.Arc(
        from: channel.producer, to: channel.consumer,
        minimumDelay: producer.initialDelay + channel.latencyCycles,
        weight: Double(max(1, tokenBits[index])) / max(producer.ii, 1e-9))
    }
    return StartTimeProblem(nodeCount: region.kernels.count, arcs: arcs)
  }

  /// FIFO depths from the linear program's start times.
  ///
  /// - Throws: `SolverError` when CLP fails.
  public func programDepths() throws(SolverError) -> [Int] {
    let starts = try startTimeProblem.solve()
    return region.channels.map { channel in
      let producer = timings[channel.producer]
      let consumer = timings[channel.consumer]
      return FIFOSizing.depth(
        producer: producer, consumerII: consumer.latency / Double(max(1, producer.tokens)),
        delay: starts[channel.consumer] - starts[channel.producer])
    }
  }

  /// The region with every channel at its linear-program depth.
  ///
  /// - Throws: `SolverError` when CLP fails.
  public func sizedRegion() throws(SolverError) -> SimulatedRegion {
    var sized = region
    for (index, depth) in try programDepths().enumerated() { sized.channels[index].depth = depth }
    return sized
  }

  /// Finish cycle of every kernel.
  public func finishCycles() -> [Double] {
    let starts = startTimeProblem.earliestStartTimes()
    var finish = Array(repeating: 0.0, count: region.kernels.count)
    var incoming = Array(repeating: [Int](), count: region.kernels.count)
    for (index, channel) in region.channels.enumerated() {
      incoming[channel.consumer].append(index)
    }

    for (index, kernel) in region.kernels.enumerated() {
      let timing = timings[index]
      var end = starts[index] + timing.latency
      let tail = timing.drainCycles(drainTokens: kernel.drainTokens)
      for channel in incoming[index] {
        let value = region.channels[channel]
        end = max(end, finish[value.producer] + value.latencyCycles + tail)
      }
      finish[index] = end
    }
    return finish
  }

  /// The region's latency: its latest finish, in cycles.
  public var latencyCycles: Double {
    finishCycles().max() ?? 0
  }
}
