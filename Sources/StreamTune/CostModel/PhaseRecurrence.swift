/// The region-timing recurrences of one design point, run over every phase of the workload.
///
/// Per phase: kernel timings (after equalisation), first-output times e_k = max(D_k, max over
/// fused producers p of e_p + converter delay + crossing + max(D_k, n × s_p + lag_k)), which is
/// the start t_k plus D_k raised by `StreamTiming.inputBound`, finish times f_k = max(e_k + L_k
/// − D_k + port crossing, max over fused producers p of f_p + crossing + the drain tail of k),
/// and the sum of the regions' latest finishes. `regionLatencies` computes the same times, with
/// additions grouped differently, so both agree to rounding.
///
/// The decode phases of a layer group differ only in their context-dependent kernels (attention
/// score, softmax and context) and the edges at their ends. `PhaseRecurrence+Family` times such
/// a family by computing every kernel that does not depend on the context once, and writing
/// the kernels downstream of the context-dependent ones as max-plus expressions of a few
/// per-phase values. That regroups some additions, so family phases agree with a phase timed on
/// its own to rounding (about 1e-15 relative), not bit for bit.
struct PhaseRecurrence {
  /// A fused edge with its SLR crossing delay, in cycles.
  struct Arc {
    var producer: Int
    var consumer: Int
    var edge: Int
    var crossing: Double
  }

  let plan: EvaluationPlan
  let kernelCount: Int
  let edgeCount: Int
  let regionCount: Int
  let regionOf: UnsafeMutablePointer<Int>
  /// Fused edges into each kernel in edge order: `arcs[arcStart[k] ..< arcStart[k + 1]]`.
  let arcs: UnsafeMutablePointer<Arc>
  let arcCount: Int
  let arcStart: UnsafeMutablePointer<Int>
  /// Cycles a kernel's DMA port adds when it sits away from the memory's SLR.
  let portCrossing: UnsafeMutablePointer<Double>
  let conservative: Bool
  /// The cached estimates and converters that `kernelTimings` and `edgeFills` point into.
  let entries: [KernelEntry]
  let converters: [ConverterEntry]
  /// Timings of every kernel by instance position, and converter fill tokens of every edge by
  /// pair position (0 for compatible streams).
  let kernelTimings: UnsafeMutablePointer<UnsafeMutablePointer<SlotTiming>>
  let edgeFills: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
  let phasePositions: UnsafeMutablePointer<Int>
  let phasePairs: UnsafeMutablePointer<Int>

  /// Kernel timings and times of the phase being computed, one entry per kernel (per region
  /// for `region` and `slowest`), in memory that `scratch` owns.
  let scratch: Scratch
  let latency: UnsafeMutablePointer<Double>
  let delay: UnsafeMutablePointer<Double>
  /// Cycles between output tokens after the first (`StreamTiming.spacing`).
  let spacing: UnsafeMutablePointer<Double>
  let drain: UnsafeMutablePointer<Double>
  let portTerm: UnsafeMutablePointer<Double>
  let externalBytes: UnsafeMutablePointer<Double>
  /// Output tokens T and drain tokens of each kernel in the phase being computed, as doubles.
  let tokenCount: UnsafeMutablePointer<Double>
  let drainCount: UnsafeMutablePointer<Double>
  /// Cycle of each kernel's first output token: its start plus D, or later when the first
  /// output waits for input tokens (`StreamTiming.inputBound`).
  let emit: UnsafeMutablePointer<Double>
  /// Per arc: the producer's T, the consumer's T and drain, and the input tokens n the
  /// consumer's first output needs beyond the first, for the last token counts seen. T
  /// changes only when a context crosses a tile boundary, so n is rarely recomputed.
  let neededMemo: UnsafeMutablePointer<Double>
  let finish: UnsafeMutablePointer<Double>
  let region: UnsafeMutablePointer<Double>
  let slowest: UnsafeMutablePointer<Double>

  /// Working memory of one recurrence, freed with it.
  final class Scratch {
    let base: UnsafeMutablePointer<Double>
    let timingTable: UnsafeMutablePointer<UnsafeMutablePointer<SlotTiming>>
    let fillTable: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
    let arcs: UnsafeMutableBufferPointer<Arc>
    let integers: UnsafeMutableBufferPointer<Int>

    init(
      count: Int, entries: [KernelEntry], converters: [ConverterEntry], arcs: [Arc],
      integers: [Int]
    ) {
      self.arcs = .allocate(capacity: max(1, arcs.count))
      _ = self.arcs.initialize(from: arcs)
      self.integers = .allocate(capacity: max(1, integers.count))
      _ = self.integers.initialize(from: integers)
      base = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
      base.initialize(repeating: 0, count: max(1, count))
      timingTable = .allocate(capacity: max(1, entries.count))
      timingTable.initialize(from: entries.map(\.pinnedTimings), count: entries.count)
      fillTable = .allocate(capacity: max(1, converters.count))
      fillTable.initialize(from: converters.map(\.pinnedFills), count: converters.count)
    }

    deinit {
      base.deallocate()
      timingTable.deallocate()
      fillTable.deallocate()
      arcs.deallocate()
      integers.deallocate()
    }
  }

  /// Prepares the tables of a point's partition and placement.
  init(
    model: CostModel, partition: FusionPartition, placement: SLRAssignment,
    equalisation: FIFOEqualisation, entries: [KernelEntry], converters: [ConverterEntry]
  ) {
    let plan = model.plan
    let edges = model.layout.edges
    let crossing = Double(max(0, model.platform.slrCrossingCycles))
    self.plan = plan
    kernelCount = plan.blockKernelCount
    edgeCount = edges.count
    regionCount = partition.regionCount
    conservative = equalisation == .conservative
    self.entries = entries
    self.converters = converters
    phasePositions = plan.pinned.phasePositions
    phasePairs = plan.pinned.phasePairs

    var arcs: [Arc] = []
    var arcStart = [0]
    for kernel in 0..<plan.blockKernelCount {
      for edge in plan.incomingEdges[kernel] where partition.isFused[edge] {
        let value = edges[edge]
        let distance = abs(
          placement.slrOfKernel[value.producer] - placement.slrOfKernel[value.consumer])
        arcs.append(
          Arc(
            producer: value.producer, consumer: value.consumer, edge: edge,
            crossing: Double(distance) * crossing))
      }
      arcStart.append(arcs.count)
    }
    let kernels = plan.blockKernelCount
    let regions = partition.regionCount
    scratch = Scratch(
      count: 11 * kernels + 2 * regions + 4 * arcs.count, entries: entries, converters: converters,
      arcs: arcs,
      integers: arcStart + partition.regionOfKernel)
    self.arcs = scratch.arcs.baseAddress!
    arcCount = arcs.count
    self.arcStart = scratch.integers.baseAddress!
    regionOf = self.arcStart + arcStart.count
    kernelTimings = scratch.timingTable
    edgeFills = scratch.fillTable
    portCrossing = scratch.base
    for kernel in 0..<kernels {
      portCrossing[kernel] =
        Double(abs(placement.slrOfKernel[kernel] - model.constants.memorySLR)) * crossing
    }
    latency = portCrossing + kernels
    delay = latency + kernels
    spacing = delay + kernels
    drain = spacing + kernels
    portTerm = drain + kernels
    externalBytes = portTerm + kernels
    tokenCount = externalBytes + kernels
    drainCount = tokenCount + kernels
    emit = drainCount + kernels
    finish = emit + kernels
    region = finish + kernels
    slowest = region + regions
    neededMemo = slowest + regions
    neededMemo.update(repeating: -1, count: 4 * arcs.count)
  }

  /// Cycles and external bytes of one block invocation in every phase.
  ///
  /// - Parameters:
  ///   - referencePhase: the phase whose region latencies are returned; it is timed on its own.
  ///   - cycles: receives the block's cycles per phase.
  ///   - bytes: receives the block's external bytes per phase.
  /// - Returns: the region latencies of `referencePhase`, in cycles.
  /// - Complexity: O(phases × (context-dependent kernels + edges) + families × kernels ×
  ///   edges), and O(kernels + edges) for every phase outside a family.
  func run(referencePhase: Int, cycles: inout [Double], bytes: inout [Double]) -> [Double] {
    var inFamily = Array(repeating: false, count: cycles.count)
    for family in plan.families {
      runFamily(family, cycles: &cycles, bytes: &bytes)
      for phase in family.phases { inFamily[phase] = true }
    }
    for phase in cycles.indices where !inFamily[phase] && phase != referencePhase {
      (cycles[phase], bytes[phase]) = timePhase(phase)
    }
    (cycles[referencePhase], bytes[referencePhase]) = timePhase(referencePhase)
    return Array(UnsafeBufferPointer(start: region, count: regionCount))
  }

  /// Times one phase on its own, leaving its region latencies in `region`.
  ///
  /// - Returns: the block's cycles and external bytes.
  func timePhase(_ phase: Int) -> (cycles: Double, bytes: Double) {
    var phaseBytes = 0.0
    for kernel in 0..<kernelCount {
      loadTiming(kernel, phase: phase)
      phaseBytes += externalBytes[kernel]
    }
    if conservative {
      equalise(regions: 0..<regionCount)
    }

    for index in 0..<regionCount { region[index] = 0 }
    let pairBase = phase * edgeCount
    for kernel in 0..<kernelCount {
      timeKernel(kernel, pairBase: pairBase)
      region[regionOf[kernel]] = max(region[regionOf[kernel]], finish[kernel])
    }

    var total = 0.0
    for index in 0..<regionCount { total += region[index] }
    return (total, phaseBytes)
  }

  /// Loads a kernel's timing in a phase, before equalisation.
  func loadTiming(_ kernel: Int, phase: Int) {
    let slot = kernelTimings[kernel][phasePositions[phase * kernelCount + kernel]]
    latency[kernel] = slot.latency
    delay[kernel] = slot.initialDelay
    spacing[kernel] = slot.spacing
    drain[kernel] = slot.drainShare
    tokenCount[kernel] = Double(slot.tokens)
    drainCount[kernel] = Double(slot.drainTokens)
    portTerm[kernel] = slot.hasPort ? portCrossing[kernel] : 0
    externalBytes[kernel] = slot.externalBytes
  }

  /// Converter delay of a fused edge in the phase whose pair row starts at `pairBase`.
  func converterDelay(_ arc: Arc, pairBase: Int) -> Double {
    let fill = edgeFills[arc.edge][phasePairs[pairBase + arc.edge]]
    return fill == 0 ? 0 : Double(fill) * spacing[arc.producer]
  }

  /// Cycles from an arc's arrival (the producer's first output plus converter fill and
  /// crossing) to the consumer's first output: max(D_k, n × s_p + lag_k), where the first
  /// output needs input tokens 0 ... n of the producer (`StreamTiming.inputBound`).
  ///
  /// - Parameter index: the arc's index in `arcs`.
  @inline(__always)
  func firstOutputOffset(_ index: Int) -> Double {
    let arc = arcs[index]
    let consumer = arc.consumer
    let inputTokens = tokenCount[arc.producer]
    let tokens = tokenCount[consumer]
    let drain = max(1, drainCount[consumer])
    // With no more producer tokens than output groups, the first output needs only the first
    // input token (n = 0), and the lag never exceeds D.
    if inputTokens * drain <= tokens { return delay[consumer] }

    let memo = neededMemo + 4 * index
    if memo[0] != inputTokens || memo[1] != tokens || memo[2] != drain {
      let needed = StreamTiming.lastInputNeeded(
        byOutput: 0, outputTokens: Int(tokens), inputTokens: Int(inputTokens),
        drainTokens: Int(drain))
      memo[0] = inputTokens
      memo[1] = tokens
      memo[2] = drain
      memo[3] = Double(needed)
    }
    let lag = tokens > 1 ? min(spacing[consumer], delay[consumer]) : 1
    return max(delay[consumer], memo[3] * spacing[arc.producer] + lag)
  }

  /// Computes a kernel's first output and finish from its producers' (already computed)
  /// times: e_k = max(D_k, max over producers p of e_p + fill + crossing + the first-output
  /// offset), f_k = max(e_k + L_k − D_k + port crossing, f_p + crossing + tail).
  func timeKernel(_ kernel: Int, pairBase: Int) {
    let tail = drain[kernel] * latency[kernel]
    var first = delay[kernel]
    var drained = -Double.infinity
    for index in arcStart[kernel]..<arcStart[kernel + 1] {
      let arc = arcs[index]
      let arrival = emit[arc.producer] + converterDelay(arc, pairBase: pairBase) + arc.crossing
      first = max(first, arrival + firstOutputOffset(index))
      drained = max(drained, finish[arc.producer] + arc.crossing + tail)
    }
    emit[kernel] = first
    finish[kernel] = max(first + (latency[kernel] - delay[kernel]) + portTerm[kernel], drained)
  }

  /// Slows every kernel of the given regions to its region's slowest latency, scaling D and II
  /// by the same factor (`StreamTiming.slowed(to:)`).
  func equalise(regions: some Sequence<Int>) {
    for index in 0..<regionCount { slowest[index] = -1 }
    for index in regions { slowest[index] = 0 }
    for kernel in 0..<kernelCount where slowest[regionOf[kernel]] >= 0 {
      slowest[regionOf[kernel]] = max(slowest[regionOf[kernel]], latency[kernel])
    }
    for kernel in 0..<kernelCount where slowest[regionOf[kernel]] >= 0 {
      let target = slowest[regionOf[kernel]]
      guard target > latency[kernel], latency[kernel] > 0 else { continue }
      let factor = target / latency[kernel]
      latency[kernel] = target
      delay[kernel] *= factor
      spacing[kernel] *= factor
    }
  }
}
