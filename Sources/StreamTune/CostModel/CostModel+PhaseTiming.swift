extension CostModel {
  /// Computes the timing of every block kernel in one phase, after equalisation, from the
  /// cached kernel timings.
  func phaseTimings(
    phase: Int, timings slots: [[SlotTiming]], partition: FusionPartition,
    equalisation: FIFOEqualisation
  ) -> [StreamTiming] {
    let base = phase * plan.blockKernelCount
    var timings = (0..<plan.blockKernelCount).map { kernel in
      let slot = slots[kernel][plan.phasePositions[base + kernel]]
      return StreamTiming(
        latency: slot.latency, initialDelay: slot.initialDelay, ii: slot.ii, tokens: slot.tokens)
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

  /// Sizes FIFOs and converter buffers as `sizeFIFOs` does, from the cached kernel timings and
  /// converters.
  func fastFIFOs(
    _ point: DesignPoint, timings slots: [[SlotTiming]], converters: [ConverterEntry],
    partition: FusionPartition
  ) -> FIFOPlan {
    let edgeCount = layout.edges.count
    var plan = FIFOPlan(
      depth: Array(repeating: 0, count: edgeCount),
      tokenBits: Array(repeating: 0, count: edgeCount),
      converterBits: Array(repeating: 0, count: edgeCount),
      memory: Array(repeating: MemoryBlocks(), count: edgeCount), solverNotes: [])

    for phase in sizingPhases {
      let native = phaseTimings(
        phase: phase, timings: slots, partition: partition,
        equalisation: point.fifoEqualisation)
      let slotBase = phase * self.plan.blockKernelCount
      let pairBase = phase * edgeCount
      var delays = Array(repeating: 0.0, count: edgeCount)
      var tokensInConverter = Array(repeating: 0, count: edgeCount)
      for edge in 0..<edgeCount where partition.isFused[edge] {
        let producer = layout.edges[edge].producer
        let pair = self.plan.phasePairs[pairBase + edge]
        let fill = converters[edge].fillTokens[pair]
        delays[edge] = fill == 0 ? 0 : Double(fill) * native[producer].spacing
        tokensInConverter[edge] = FIFOSizing.converterTokens(
          fillTokens: fill, share: layout.streamShare[edge])
        plan.converterBits[edge] = max(plan.converterBits[edge], converters[edge].bufferBits[pair])
        let token = slots[producer][self.plan.phasePositions[slotBase + producer]]
        plan.tokenBits[edge] = max(plan.tokenBits[edge], token.tokenBits)
      }

      let drainTokens = (0..<self.plan.blockKernelCount).map { kernel in
        slots[kernel][self.plan.phasePositions[slotBase + kernel]].drainTokens
      }
      let timings = inputBound(
        native, drainTokens: drainTokens, delays: delays, partition: partition)
      let starts = sizingStartTimes(
        timings: timings, converterDelays: delays, partition: partition,
        tokenBits: plan.tokenBits, notes: &plan.solverNotes)
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

  /// Times every phase's block and every request as `timeWorkload` does (`PhaseRecurrence`).
  ///
  /// - Complexity: O(phases × context-dependent kernels) for decode families, O(kernels +
  ///   edges) for every other phase.
  func fastWorkloadTiming(
    _ point: DesignPoint, entries: [KernelEntry], converters: [ConverterEntry],
    partition: FusionPartition, placement: SLRAssignment
  ) -> WorkloadTiming {
    let recurrence = PhaseRecurrence(
      model: self, partition: partition, placement: placement,
      equalisation: point.fifoEqualisation, entries: entries, converters: converters)
    var seconds = Array(repeating: 0.0, count: phases.count)
    var bytes = Array(repeating: 0.0, count: phases.count)
    let reference = recurrence.run(
      referencePhase: referencePhase, cycles: &seconds, bytes: &bytes)
    let overhead = platform.efficiency.blockOverheadMicroseconds * 1e-6
    for phase in seconds.indices {
      seconds[phase] = seconds[phase] / constants.clockHz + overhead
    }

    var lmHead = (seconds: 0.0, bytes: 0.0, macs: 0.0)
    if let instance = layout.lmHeadInstance, let kernel = layout.lmHeadKernel {
      let estimate = entries[kernel].estimates[plan.positionOfInstance[instance]]
      lmHead = (
        estimate.latency / constants.clockHz, estimate.externalBytes,
        Double(layout.instances[instance].operations)
      )
    }
    let requests = workload.requests.indices.map { index in
      fastRequestTiming(index, seconds: seconds, bytes: bytes, lmHead: lmHead)
    }
    return WorkloadTiming(
      blockSeconds: seconds, blockBytes: bytes, referenceRegions: reference,
      lmHeadSeconds: lmHead.seconds, lmHeadBytes: lmHead.bytes, requests: requests)
  }

  /// One request's sums, as `timeRequest` adds them, over its precomputed blocks.
  func fastRequestTiming(
    _ index: Int, seconds: [Double], bytes: [Double],
    lmHead: (seconds: Double, bytes: Double, macs: Double)
  ) -> RequestTiming {
    let request = workload.requests[index]
    var ttft = 0.0
    var decode = 0.0
    var traffic = 0.0
    var macs = plan.requestBlockMACs[index]
    var roofline = plan.requestBlockRoofline[index]
    for step in plan.requestSteps[index] {
      if step.isDecode {
        decode += step.layers * seconds[step.phase]
      } else {
        ttft += step.layers * seconds[step.phase]
      }
      traffic += step.layers * bytes[step.phase]
    }

    let steps = Double(Self.decodeContexts(of: request).count)
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
}
