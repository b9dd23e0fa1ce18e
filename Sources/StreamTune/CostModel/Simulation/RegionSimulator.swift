/// The outcome of simulating one region.
public struct RegionSimulation: Sendable, Hashable {
  /// Tokens a kernel still had to emit, or a channel still had to deliver, when the region
  /// deadlocked.
  public struct Deadlock: Sendable, Hashable {
    /// Output tokens emitted so far, per kernel.
    public var emittedTokens: [Int]
    /// Tokens read so far, per channel.
    public var readTokens: [Int]
    /// Kernels that had not emitted every token.
    public var blockedKernels: [Int]
    /// Channels that were full, so that their producer could not write.
    public var fullChannels: [Int]
  }

  /// Cycle at which each kernel started (its inputs' first tokens were available), or `nil`
  /// when it never started.
  public var startCycles: [Double?]
  /// Cycle of each kernel's last output token, or `nil` when it never finished.
  public var finishCycles: [Double?]
  /// The most tokens each channel held at once, counting a token from the cycle it is written
  /// through the cycle it is read.
  public var peakOccupancy: [Int]
  /// Cycles of the latest finish; `nil` when the region deadlocked.
  public var latencyCycles: Double?
  /// Set when no event was possible while tokens remained.
  public var deadlock: Deadlock?

  public var isDeadlocked: Bool { deadlock != nil }
}

/// A token-level discrete-event simulator of one dataflow region with bounded FIFOs, blocking
/// reads and blocking writes (semantics in `SimulatedRegion`).
///
/// Every event (a kernel emitting one output token, a kernel reading one token of a channel)
/// has an earliest time that is the maximum of its predecessors' times plus fixed offsets.
/// Events are processed in time order: an event becomes pending once all of its predecessors
/// have happened, and the pending event with the smallest time happens next. When nothing is
/// pending while tokens remain, the region is deadlocked.
public enum RegionSimulator {
  /// Simulates a region from time 0.
  ///
  /// - Parameter region: kernels in topological order and their channels.
  /// - Returns: start and finish times, peak occupancies, and the latency or the deadlock.
  /// - Complexity: O(events × (kernels + channels)) with events the output tokens plus the
  ///   channel tokens; meant for small regions.
  public static func simulate(_ region: SimulatedRegion) -> RegionSimulation {
    var state = SimulationState(region)

    while let next = state.nextEvent() {
      state.perform(next)
    }

    return state.outcome()
  }
}

/// The mutable state of one simulation run.
struct SimulationState {
  enum Event: Hashable {
    case emit(kernel: Int)
    case read(channel: Int)
  }

  let region: SimulatedRegion
  var emitTimes: [[Double]]
  var readTimes: [[Double]]
  var startTimes: [Double?]
  var inputs: [[Int]]
  var outputs: [[Int]]

  init(_ region: SimulatedRegion) {
    self.region = region
    emitTimes = region.kernels.map { _ in [] }
    readTimes = region.channels.map { _ in [] }
    inputs = region.kernels.map { _ in [] }
    outputs = region.kernels.map { _ in [] }
    for (index, channel) in region.channels.enumerated() {
      inputs[channel.consumer].append(index)
      outputs[channel.producer].append(index)
    }
    startTimes = inputs.map { $0.isEmpty ? 0 : nil }
  }

  /// The pending event with the smallest time, or `nil` when none is possible.
  func nextEvent() -> (event: Event, time: Double)? {
    var best: (event: Event, time: Double)?
    for kernel in region.kernels.indices {
      if let time = emitTime(kernel), best == nil || time < best!.time {
        best = (.emit(kernel: kernel), time)
      }
    }
    for channel in region.channels.indices {
      if let time = readTime(channel), best == nil || time < best!.time {
        best = (.read(channel: channel), time)
      }
    }
    return best
  }

  mutating func perform(_ next: (event: Event, time: Double)) {
    switch next.event {
    case .emit(let kernel):
      emitTimes[kernel].append(next.time)
      guard emitTimes[kernel].count == 1 else { return }
      for channel in outputs[kernel] {
        let consumer = region.channels[channel].consumer
        guard startTimes[consumer] == nil else { continue }
        let firsts = inputs[consumer].map { input -> Double? in
          let source = region.channels[input]
          return emitTimes[source.producer].first.map { $0 + source.latencyCycles }
        }
        if firsts.allSatisfy({ $0 != nil }) {
          startTimes[consumer] = firsts.map { $0! }.max() ?? 0
        }
      }
    case .read(let channel):
      readTimes[channel].append(next.time)
    }
  }

  /// The earliest time of a kernel's next output token, or `nil` while a predecessor is
  /// missing.
  func emitTime(_ kernel: Int) -> Double? {
    let model = region.kernels[kernel]
    let output = emitTimes[kernel].count
    guard output < model.timing.tokens, let start = startTimes[kernel] else { return nil }

    let spacing = model.spacing
    var time = start + model.timing.initialDelay + Double(output) * spacing
    if let previous = emitTimes[kernel].last { time = max(time, previous + spacing) }

    for channel in inputs[kernel] {
      let tokens = region.kernels[region.channels[channel].producer].timing.tokens
      let needed = model.lastInputNeeded(byOutput: output, inputTokens: tokens)
      guard needed < readTimes[channel].count else { return nil }
      let lag = model.timing.tokens > 1 ? min(spacing, model.timing.initialDelay) : 1
      time = max(time, readTimes[channel][needed] + lag)
    }

    for channel in outputs[kernel] {
      let freed = output - region.channels[channel].depth
      guard freed >= 0 else { continue }
      guard freed < readTimes[channel].count else { return nil }
      time = max(time, readTimes[channel][freed] + 1)
    }
    return time
  }

  /// The earliest time the consumer of a channel reads its next token, or `nil` while a
  /// predecessor is missing.
  func readTime(_ channel: Int) -> Double? {
    let value = region.channels[channel]
    let index = readTimes[channel].count
    let producer = region.kernels[value.producer]
    guard index < producer.timing.tokens, index < emitTimes[value.producer].count,
      let start = startTimes[value.consumer]
    else { return nil }

    let consumer = region.kernels[value.consumer]
    let interval = consumer.timing.latency / Double(producer.timing.tokens)
    var time = max(
      emitTimes[value.producer][index] + value.latencyCycles, start + Double(index) * interval)
    if let previous = readTimes[channel].last { time = max(time, previous) }

    let output = consumer.firstOutputNeeding(input: index, inputTokens: producer.timing.tokens)
    let emitted = output - consumer.inFlight
    if emitted >= 0 {
      guard emitted < emitTimes[value.consumer].count else { return nil }
      time = max(time, emitTimes[value.consumer][emitted])
    }
    return time
  }

  func outcome() -> RegionSimulation {
    let finished = region.kernels.indices.map { kernel -> Double? in
      emitTimes[kernel].count == region.kernels[kernel].timing.tokens
        ? emitTimes[kernel].last : nil
    }
    let peaks = region.channels.indices.map(peakOccupancy)
    let complete = finished.allSatisfy { $0 != nil }
    var deadlock: RegionSimulation.Deadlock?
    if !complete {
      deadlock = RegionSimulation.Deadlock(
        emittedTokens: emitTimes.map(\.count), readTokens: readTimes.map(\.count),
        blockedKernels: region.kernels.indices.filter { finished[$0] == nil },
        fullChannels: region.channels.indices.filter { channel in
          let written = emitTimes[region.channels[channel].producer].count
          return written - readTimes[channel].count >= region.channels[channel].depth
        })
    }
    return RegionSimulation(
      startCycles: startTimes, finishCycles: finished, peakOccupancy: peaks,
      latencyCycles: complete ? finished.map { $0! }.max() ?? 0 : nil, deadlock: deadlock)
  }

  /// The most tokens a channel held at once: at each write, the tokens written so far minus
  /// those read in earlier cycles.
  func peakOccupancy(_ channel: Int) -> Int {
    let writes = emitTimes[region.channels[channel].producer]
    let reads = readTimes[channel]
    var peak = 0
    var readBefore = 0
    for (index, time) in writes.enumerated() {
      while readBefore < reads.count && reads[readBefore] < time { readBefore += 1 }
      peak = max(peak, index + 1 - readBefore)
    }
    return peak
  }
}
