import StreamTune
import TestSupport

/// Random small regions for comparing the simulator with the analytic model.
enum SimulationRandomRegions {
  /// How a random kernel emits its outputs.
  enum KernelShape: CaseIterable {
    /// Drain 1: output j follows the proportional share of every input.
    case streaming
    /// Drain T: every output needs the whole input (reduction loop outermost).
    case reduction
  }

  /// A random DAG of 3 to 8 kernels in topological order, every kernel after the first fed by
  /// one or two earlier kernels, plus random skip edges that make paths reconverge.
  ///
  /// Timings are self-consistent: L = D + (T − 1) × II, and D is large enough that an
  /// unstalled kernel has read the inputs of output j before it is due.
  static func region(
    using generator: inout SeededGenerator, depth: Int = 1_000_000
  ) -> SimulatedRegion {
    let count = Int.random(in: 3...8, using: &generator)
    var producers = Array(repeating: Set<Int>(), count: count)
    for kernel in 1..<count {
      producers[kernel].insert(Int.random(in: 0..<kernel, using: &generator))
      if kernel >= 2 && Bool.random(using: &generator) {
        producers[kernel].insert(Int.random(in: 0..<kernel, using: &generator))
      }
    }
    for _ in 0..<Int.random(in: 0...3, using: &generator) where count >= 3 {
      let consumer = Int.random(in: 2..<count, using: &generator)
      producers[consumer].insert(Int.random(in: 0..<(consumer - 1), using: &generator))
    }

    var kernels: [SimulatedRegion.Kernel] = []
    for kernel in 0..<count {
      let inputs = producers[kernel].map { kernels[$0].timing.tokens }
      let shape: KernelShape =
        inputs.isEmpty ? .streaming : (KernelShape.allCases.randomElement(using: &generator)!)
      kernels.append(randomKernel(shape: shape, inputTokens: inputs, using: &generator))
    }

    var channels: [SimulatedRegion.Channel] = []
    for consumer in 0..<count {
      for producer in producers[consumer].sorted() {
        channels.append(.init(producer: producer, consumer: consumer, depth: depth))
      }
    }
    return SimulatedRegion(kernels: kernels, channels: channels)
  }

  /// A kernel whose D covers reading the inputs each output needs at the consumer rate.
  static func randomKernel(
    shape: KernelShape, inputTokens: [Int], using generator: inout SeededGenerator
  ) -> SimulatedRegion.Kernel {
    let tokens =
      Bool.random(using: &generator)
      ? Int.random(in: 1...6, using: &generator)
      : Int.random(in: 2...48, using: &generator)
    let ii = Double(Int.random(in: 1...8, using: &generator))
    let drain = shape == .reduction ? tokens : 1
    let probe = SimulatedRegion.Kernel(
      timing: StreamTiming(latency: Double(tokens) * ii, initialDelay: ii, ii: ii, tokens: tokens),
      drainTokens: drain)

    // Output j is due at D + j × II; it needs input need(j) of each channel, read at
    // need(j) × L / T_e, plus one II. With L = D + (T − 1) × II this bounds D from below.
    var minimum = 2 * ii
    for inputs in inputTokens {
      for output in 0..<tokens {
        let share =
          Double(probe.lastInputNeeded(byOutput: output, inputTokens: inputs))
          / Double(inputs)
        let bound =
          (share * Double(tokens - 1) + 1 - Double(output)) * ii / max(1e-9, 1 - share)
        minimum = max(minimum, bound)
      }
    }
    let delay =
      (minimum * Double.random(in: 1...1.5, using: &generator)).rounded(.up)
      + Double(Int.random(in: 0...20, using: &generator))
    let latency = delay + Double(tokens - 1) * ii
    return SimulatedRegion.Kernel(
      timing: StreamTiming(latency: latency, initialDelay: delay, ii: ii, tokens: tokens),
      drainTokens: drain)
  }

  /// Channels (u, v) with another path from u to v: the FIFOs of reconvergent paths.
  static func reconvergentChannels(_ region: SimulatedRegion) -> [Int] {
    let count = region.kernels.count
    var reach = Array(repeating: Array(repeating: false, count: count), count: count)
    for channel in region.channels { reach[channel.producer][channel.consumer] = true }
    for middle in 0..<count {
      for from in 0..<count where reach[from][middle] {
        for to in 0..<count where reach[middle][to] { reach[from][to] = true }
      }
    }
    return region.channels.indices.filter { index in
      let channel = region.channels[index]
      return region.channels.contains { other in
        other.producer == channel.producer && other.consumer != channel.consumer
          && reach[other.consumer][channel.consumer]
      }
    }
  }
}
