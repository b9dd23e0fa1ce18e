/// Block times of every phase, and the times of every request.
struct WorkloadTiming: Sendable {
  /// Seconds of one block invocation per phase.
  var blockSeconds: [Double]
  /// External-memory bytes of one block invocation per phase.
  var blockBytes: [Double]
  /// Region latencies of the reference phase, in cycles.
  var referenceRegions: [Double]
  var lmHeadSeconds: Double
  var lmHeadBytes: Double
  var requests: [RequestTiming]
}

/// One request's times and traffic.
struct RequestTiming: Sendable {
  var ttftSeconds: Double
  var decodeSeconds: Double
  var bytes: Double
  var multiplyAccumulates: Double
  /// Sum over blocks of max(bytes / peak bandwidth, MACs / peak MAC rate), in seconds.
  var rooflineSeconds: Double
}

extension CostModel {
  /// Times every phase's block and sums them into requests.
  func timeWorkload(
    _ point: DesignPoint, nests: [LoopNest], estimates: [KernelEstimate],
    partition: FusionPartition, placement: SLRAssignment, converters: inout ConverterTable
  ) -> WorkloadTiming {
    var seconds: [Double] = []
    var bytes: [Double] = []
    var reference: [Double] = []
    // NOTE: Every decode step is timed from scratch here on purpose: this is the reference that
    // `evaluate`, which retimes only the context-dependent kernels, is tested against.
    for (index, phase) in phases.enumerated() {
      let regions = regionLatencies(
        point, phase: phase, nests: nests, estimates: estimates, partition: partition,
        placement: placement, converters: &converters)
      if index == referencePhase { reference = regions }
      let cycles = regions.reduce(0, +)
      seconds.append(
        cycles / constants.clockHz + platform.efficiency.blockOverheadMicroseconds * 1e-6)
      bytes.append(phase.instanceOf.reduce(0.0) { $0 + estimates[$1].externalBytes })
    }

    var lmHeadSeconds = 0.0
    var lmHeadBytes = 0.0
    var lmHeadMACs = 0.0
    if let instance = layout.lmHeadInstance {
      let estimate = estimates[instance]
      lmHeadSeconds = estimate.latency / constants.clockHz
      lmHeadBytes = estimate.externalBytes
      lmHeadMACs = Double(layout.instances[instance].operations)
    }

    let requests = workload.requests.map { request in
      timeRequest(
        request, seconds: seconds, bytes: bytes, lmHead: (lmHeadSeconds, lmHeadBytes, lmHeadMACs))
    }
    return WorkloadTiming(
      blockSeconds: seconds, blockBytes: bytes, referenceRegions: reference,
      lmHeadSeconds: lmHeadSeconds, lmHeadBytes: lmHeadBytes, requests: requests)
  }

  /// Latency of every region of a phase's block, in cycles.
  ///
  /// Kernels start at the earliest times the edge delays allow (D of the producer, converter
  /// fill, SLR crossings), after `StreamTiming.inputBound` has raised the D of every kernel
  /// whose first output waits for input tokens. Kernel k finishes at f_k = max(t_k + L_k, max over producers p of
  /// f_p + crossing + the time k needs for the tokens it emits after its last input). A
  /// region's latency is its latest finish.
  func regionLatencies(
    _ point: DesignPoint, phase: PhaseGraph, nests: [LoopNest], estimates: [KernelEstimate],
    partition: FusionPartition, placement: SLRAssignment, converters: inout ConverterTable
  ) -> [Double] {
    let native = streamTimings(
      phase: phase, estimates: estimates, partition: partition,
      equalisation: point.fifoEqualisation)
    let edgeCount = layout.edges.count
    let crossing = Double(max(0, platform.slrCrossingCycles))
    var converterDelays = Array(repeating: 0.0, count: edgeCount)
    var crossingDelays = Array(repeating: 0.0, count: edgeCount)
    var tokenBits = Array(repeating: 1, count: edgeCount)
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      let found = converters.converter(
        edge: edge, producer: phase.instanceOf[value.producer],
        consumer: phase.instanceOf[value.consumer], model: self, nests: nests)
      converterDelays[edge] = found.delayCycles(producerSpacing: native[value.producer].spacing)
      let distance = abs(
        placement.slrOfKernel[value.producer] - placement.slrOfKernel[value.consumer])
      crossingDelays[edge] = Double(distance) * crossing
      tokenBits[edge] = estimates[phase.instanceOf[value.producer]].tokenBits
    }

    let timings = inputBound(
      native, drainTokens: phase.instanceOf.map { estimates[$0].drainTokens },
      delays: zip(converterDelays, crossingDelays).map { $0 + $1 }, partition: partition)
    var notes: [String] = []
    let starts = regionStartTimes(
      timings: timings, converterDelays: converterDelays, crossingDelays: crossingDelays,
      partition: partition, tokenBits: tokenBits, useProgram: false, notes: &notes)

    var finish = Array(repeating: 0.0, count: timings.count)
    var incoming = Array(repeating: [Int](), count: timings.count)
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      incoming[value.consumer].append(edge)
    }
    var regions = Array(repeating: 0.0, count: partition.regionCount)
    for kernel in timings.indices {
      let estimate = estimates[phase.instanceOf[kernel]]
      let portDistance =
        estimate.channels > 0
        ? abs(placement.slrOfKernel[kernel] - constants.memorySLR) : 0
      var end = starts[kernel] + timings[kernel].latency + Double(portDistance) * crossing
      let tail = timings[kernel].drainCycles(drainTokens: estimate.drainTokens)
      for edge in incoming[kernel] {
        end = max(end, finish[layout.edges[edge].producer] + crossingDelays[edge] + tail)
      }
      finish[kernel] = end
      let region = partition.regionOfKernel[kernel]
      regions[region] = max(regions[region], end)
    }
    return regions
  }

  /// Sums a request's prefill and decode blocks over every layer group, exactly: one block per
  /// layer per decode step at that step's context length.
  func timeRequest(
    _ request: Request, seconds: [Double], bytes: [Double],
    lmHead: (seconds: Double, bytes: Double, macs: Double)
  ) -> RequestTiming {
    var ttft = 0.0
    var decode = 0.0
    var traffic = 0.0
    var macs = 0.0
    var roofline = 0.0
    let contexts = Self.decodeContexts(of: request)
    let steps = Double(contexts.count)

    func add(_ phase: Int, layers: Double, into time: inout Double) {
      time += layers * seconds[phase]
      traffic += layers * bytes[phase]
      macs += layers * phases[phase].multiplyAccumulates
      roofline +=
        layers
        * rooflineSeconds(
          bytes: phases[phase].baseBytes, macs: phases[phase].multiplyAccumulates)
    }

    for (group, layers) in layerCounts.enumerated() {
      if let phase = prefillByGroup[group][request.inputTokens] {
        add(phase, layers: Double(layers), into: &ttft)
      }
      for (context, phase) in decodeByGroup[group] where contexts.contains(context) {
        add(phase, layers: Double(layers), into: &decode)
      }
    }
    if workload.lmHead == .fpga, layout.lmHeadInstance != nil {
      ttft += lmHead.seconds
      decode += steps * lmHead.seconds
      traffic += (steps + 1) * lmHead.bytes
      macs += (steps + 1) * lmHead.macs
      roofline += (steps + 1) * rooflineSeconds(bytes: lmHead.bytes, macs: lmHead.macs)
    }
    return RequestTiming(
      ttftSeconds: ttft, decodeSeconds: decode, bytes: traffic, multiplyAccumulates: macs,
      rooflineSeconds: roofline)
  }

  /// The larger of bytes over the memory's theoretical peak and MACs over the device's peak
  /// MAC rate (every DSP packed as the precision allows, every cycle).
  func rooflineSeconds(bytes: Double, macs: Double) -> Double {
    Self.rooflineSeconds(platform: platform, constants: constants, bytes: bytes, macs: macs)
  }

  /// `rooflineSeconds(bytes:macs:)` for a platform and its constants, usable before a cost
  /// model is complete.
  static func rooflineSeconds(
    platform: Platform, constants: HardwareConstants, bytes: Double, macs: Double
  ) -> Double {
    let memory = platform.memories.first { $0.kind == .hbm } ?? platform.memories.first
    let bandwidth = Double(memory?.channels ?? 0) * (memory?.bytesPerSecondPerChannel ?? 0)
    let macRate =
      Double(platform.totalResources.dsp) * constants.weightMACsPerDSP * constants.clockHz
    let memoryTime = bandwidth > 0 ? bytes / bandwidth : 0
    let computeTime = macRate > 0 ? macs / macRate : 0
    return max(memoryTime, computeTime)
  }
}
