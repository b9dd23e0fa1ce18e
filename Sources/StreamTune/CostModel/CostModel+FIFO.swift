/// FIFO depths and converter buffers of every edge, sized for the largest phases.
struct FIFOPlan: Sendable {
  /// Depth in tokens per edge (0 for an unfused edge).
  var depth: [Int]
  /// Bits of one token per edge.
  var tokenBits: [Int]
  /// Converter buffer bits per edge (0 when compatible or unfused).
  var converterBits: [Int]
  /// FIFO and converter memory per edge after binding.
  var memory: [MemoryBlocks]
  /// Regions whose start-time program CLP could not solve (earliest start times were used).
  var solverNotes: [String]
  /// Bits of one word of each edge's FIFO and converter memory (`FIFOSizing.wordBits`).
  var wordBits: [Int] = []
  /// Minimum cycles per token of each edge over the sizing phases, on the faster side.
  var cyclesPerToken: [Double] = []

  /// Notes the cycles per token of an edge in one sizing phase, keeping the fewest.
  mutating func noteRate(edge: Int, cyclesPerToken cycles: Double) {
    if cyclesPerToken.isEmpty { cyclesPerToken = Array(repeating: .infinity, count: depth.count) }
    cyclesPerToken[edge] = min(cyclesPerToken[edge], cycles)
  }

  /// Binds every fused edge's FIFO and converter buffer to memory, in words of
  /// `FIFOSizing.wordBits`: a FIFO of `depth` tokens is `depth` × beats words deep, a
  /// converter buffer stores its bits in words of the same width.
  mutating func bindMemory(
    partition: FusionPartition, binding: MemoryBinding, platform: Platform
  ) {
    wordBits = Array(repeating: 0, count: depth.count)
    for edge in depth.indices where partition.isFused[edge] {
      let token = max(1, tokenBits[edge])
      let cycles = cyclesPerToken.isEmpty ? 1 : cyclesPerToken[edge]
      let word = FIFOSizing.wordBits(tokenBits: token, cyclesPerToken: cycles)
      let beats = (token + word - 1) / word
      wordBits[edge] = word
      let fifo = OnChipBuffer(purpose: .fifo, widthBits: word, depth: depth[edge] * beats)
      memory[edge] = binding.blocks(for: fifo, platform: platform)
      if converterBits[edge] > 0 {
        let buffer = OnChipBuffer(
          purpose: .converter, widthBits: word, depth: (converterBits[edge] + word - 1) / word)
        memory[edge] += binding.blocks(for: buffer, platform: platform)
      }
    }
  }
}

extension CostModel {
  /// Applies `StreamTiming.inputBound` over the fused edges of a phase, with the same result,
  /// without building its edge lists: it runs in every evaluation.
  ///
  /// - Parameters:
  ///   - timings: every block kernel's timing after equalisation.
  ///   - drainTokens: every block kernel's drain tokens.
  ///   - delays: each edge's delay beyond the producer's D (converter fill, SLR crossings).
  ///   - partition: which edges are fused.
  /// - Returns: the timings with D and L raised where a first output waits for input tokens.
  /// - Complexity: O(kernels + edges).
  func inputBound(
    _ timings: [StreamTiming], drainTokens: [Int], delays: [Double], partition: FusionPartition
  ) -> [StreamTiming] {
    var result = timings
    var start = [Double](repeating: 0, count: timings.count)
    for kernel in result.indices {
      var hasInput = false
      for edge in plan.incomingEdges[kernel] where partition.isFused[edge] {
        let producer = layout.edges[edge].producer
        start[kernel] = max(
          start[kernel], start[producer] + result[producer].initialDelay + delays[edge])
        hasInput = true
      }
      guard hasInput else { continue }

      let timing = result[kernel]
      var firstOutput = start[kernel] + timing.initialDelay
      for edge in plan.incomingEdges[kernel] where partition.isFused[edge] {
        let producer = layout.edges[edge].producer
        let arrival = start[producer] + result[producer].initialDelay + delays[edge]
        firstOutput = max(
          firstOutput,
          timing.firstOutputBound(
            arrival: arrival, source: result[producer], drainTokens: drainTokens[kernel]))
      }
      result[kernel] = timing.delayed(firstOutput: firstOutput, start: start[kernel])
    }
    return result
  }

  /// Sizes every fused edge's FIFO by the start-time program of its region, at the largest
  /// prompt and the largest context of every layer group, keeping the deepest.
  func sizeFIFOs(
    _ point: DesignPoint, nests: [LoopNest], estimates: [KernelEstimate],
    partition: FusionPartition, converters: inout ConverterTable
  ) -> FIFOPlan {
    let edgeCount = layout.edges.count
    var plan = FIFOPlan(
      depth: Array(repeating: 0, count: edgeCount),
      tokenBits: Array(repeating: 0, count: edgeCount),
      converterBits: Array(repeating: 0, count: edgeCount),
      memory: Array(repeating: MemoryBlocks(), count: edgeCount), solverNotes: [])

    for phaseIndex in sizingPhases {
      let phase = phases[phaseIndex]
      let native = streamTimings(
        phase: phase, estimates: estimates, partition: partition,
        equalisation: point.fifoEqualisation)
      var delays = Array(repeating: 0.0, count: edgeCount)
      var tokensInConverter = Array(repeating: 0, count: edgeCount)
      for edge in 0..<edgeCount where partition.isFused[edge] {
        let (producer, consumer) = (layout.edges[edge].producer, layout.edges[edge].consumer)
        let found = converters.converter(
          edge: edge, producer: phase.instanceOf[producer], consumer: phase.instanceOf[consumer],
          model: self, nests: nests)
        delays[edge] = found.delayCycles(producerSpacing: native[producer].spacing)
        tokensInConverter[edge] = FIFOSizing.converterTokens(
          fillTokens: found.isIdentity ? 0 : found.fillTokens, share: layout.streamShare[edge])
        plan.converterBits[edge] = max(plan.converterBits[edge], found.bufferBits)
        plan.tokenBits[edge] = max(
          plan.tokenBits[edge], estimates[phase.instanceOf[producer]].tokenBits)
      }

      let timings = inputBound(
        native, drainTokens: phase.instanceOf.map { estimates[$0].drainTokens }, delays: delays,
        partition: partition)
      let starts = regionStartTimes(
        timings: timings, converterDelays: delays, crossingDelays: nil, partition: partition,
        tokenBits: plan.tokenBits, useProgram: true, notes: &plan.solverNotes)
      for edge in 0..<edgeCount where partition.isFused[edge] {
        let (producer, consumer) = (layout.edges[edge].producer, layout.edges[edge].consumer)
        let producerTiming = timings[producer].sliced(layout.streamShare[edge])
        let consumerII = timings[consumer].latency / Double(max(1, producerTiming.tokens))
        let depth = FIFOSizing.depth(
          producer: producerTiming, consumerII: consumerII,
          delay: starts[consumer] - starts[producer], heldByConverter: tokensInConverter[edge])
        plan.depth[edge] = max(plan.depth[edge], depth)
        plan.noteRate(edge: edge, cyclesPerToken: min(producerTiming.ii, consumerII))
      }
    }

    plan.bindMemory(partition: partition, binding: point.memoryBinding, platform: platform)
    return plan
  }

  /// Start times of every kernel of a phase, region by region, each region starting at 0.
  ///
  /// - Parameters:
  ///   - useProgram: solve the FIFO-sizing linear program (true), or take the earliest start
  ///     times the same constraints allow (false, used for timing).
  ///   - crossingDelays: extra cycles per edge from SLR crossings, if placed.
  func regionStartTimes(
    timings: [StreamTiming], converterDelays: [Double], crossingDelays: [Double]?,
    partition: FusionPartition, tokenBits: [Int], useProgram: Bool, notes: inout [String]
  ) -> [Double] {
    var starts = Array(repeating: 0.0, count: timings.count)
    var members = Array(repeating: [Int](), count: partition.regionCount)
    var local = Array(repeating: 0, count: timings.count)
    for kernel in 0..<min(timings.count, partition.regionOfKernel.count) {
      let region = partition.regionOfKernel[kernel]
      local[kernel] = members[region].count
      members[region].append(kernel)
    }
    var arcs = Array(repeating: [StartTimeProblem.Arc](), count: partition.regionCount)
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      let producer = timings[value.producer]
      let delay =
        producer.initialDelay + converterDelays[edge] + (crossingDelays?[edge] ?? 0)
      arcs[partition.regionOfKernel[value.producer]].append(
        StartTimeProblem.Arc(
          from: local[value.producer], to: local[value.consumer], minimumDelay: delay,
          weight: Double(max(1, tokenBits[edge])) * layout.streamShare[edge]
            / max(producer.ii, 1e-9)))
    }

    for region in 0..<partition.regionCount where members[region].count > 1 {
      let problem = StartTimeProblem(nodeCount: members[region].count, arcs: arcs[region])
      var times = problem.earliestStartTimes()
      if useProgram {
        do {
          times = try startTimeCache.startTimes(for: problem)
        } catch {
          notes.append("FIFO program of region \(region) failed (\(error)); used earliest starts")
        }
      }
      for (position, kernel) in members[region].enumerated() { starts[kernel] = times[position] }
    }
    return starts
  }

  /// Timing of every block kernel in a phase, after equalisation.
  func streamTimings(
    phase: PhaseGraph, estimates: [KernelEstimate], partition: FusionPartition,
    equalisation: FIFOEqualisation
  ) -> [StreamTiming] {
    var timings = (0..<blockKernelCount).map { kernel in
      let estimate = estimates[phase.instanceOf[kernel]]
      return StreamTiming(
        latency: estimate.latency, initialDelay: estimate.initialDelay, ii: estimate.ii,
        tokens: estimate.tokens)
    }
    guard equalisation == .conservative else { return timings }

    var slowest = Array(repeating: 0.0, count: partition.regionCount)
    for (kernel, timing) in timings.enumerated() {
      let region = partition.regionOfKernel[kernel]
      slowest[region] = max(slowest[region], timing.latency)
    }
    for kernel in timings.indices {
      timings[kernel] = timings[kernel].slowed(to: slowest[partition.regionOfKernel[kernel]])
    }
    return timings
  }
}
