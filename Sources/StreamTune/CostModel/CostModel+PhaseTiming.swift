extension CostModel {
  /// Timing of every block kernel in one phase, after equalisation, from flat slot timings.
  func phaseTimings(
    phase: Int, slots: [SlotTiming], partition: FusionPartition, equalisation: FIFOEqualisation
  ) -> [StreamTiming] {
    let base = phase * plan.blockKernelCount
    var timings = (0..<plan.blockKernelCount).map { kernel in
      let slot = slots[plan.phaseSlots[base + kernel]]
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

  /// FIFO depths and converter buffers, as `sizeFIFOs` finds them, from flat slot timings and
  /// cached converters.
  func fastFIFOs(
    _ point: DesignPoint, slots: [SlotTiming], converters: [ConverterEntry],
    partition: FusionPartition
  ) -> FIFOPlan {
    let edgeCount = layout.edges.count
    var plan = FIFOPlan(
      depth: Array(repeating: 0, count: edgeCount),
      tokenBits: Array(repeating: 0, count: edgeCount),
      converterBits: Array(repeating: 0, count: edgeCount),
      memory: Array(repeating: MemoryBlocks(), count: edgeCount), solverNotes: [])

    for phase in sizingPhases {
      let timings = phaseTimings(
        phase: phase, slots: slots, partition: partition, equalisation: point.fifoEqualisation)
      let slotBase = phase * self.plan.blockKernelCount
      let pairBase = phase * edgeCount
      var delays = Array(repeating: 0.0, count: edgeCount)
      for edge in 0..<edgeCount where partition.isFused[edge] {
        let producer = layout.edges[edge].producer
        let pair = self.plan.phasePairs[pairBase + edge] - self.plan.pairStart[edge]
        let fill = converters[edge].fillTokens[pair]
        delays[edge] = fill == 0 ? 0 : Double(fill) * timings[producer].ii
        plan.converterBits[edge] = max(plan.converterBits[edge], converters[edge].bufferBits[pair])
        plan.tokenBits[edge] = max(
          plan.tokenBits[edge], slots[self.plan.phaseSlots[slotBase + producer]].tokenBits)
      }

      let starts = regionStartTimes(
        timings: timings, converterDelays: delays, crossingDelays: nil, partition: partition,
        tokenBits: plan.tokenBits, useProgram: true, notes: &plan.solverNotes)
      for edge in 0..<edgeCount where partition.isFused[edge] {
        let (producer, consumer) = (layout.edges[edge].producer, layout.edges[edge].consumer)
        let producerTiming = timings[producer]
        let consumerII = timings[consumer].latency / Double(max(1, producerTiming.tokens))
        let depth = FIFOSizing.depth(
          producer: producerTiming, consumerII: consumerII,
          delay: starts[consumer] - starts[producer])
        plan.depth[edge] = max(plan.depth[edge], depth)
      }
    }

    for edge in 0..<edgeCount where partition.isFused[edge] {
      let width = max(1, plan.tokenBits[edge])
      let fifo = OnChipBuffer(purpose: .fifo, widthBits: width, depth: plan.depth[edge])
      plan.memory[edge] = point.memoryBinding.blocks(for: fifo, platform: platform)
      if plan.converterBits[edge] > 0 {
        let buffer = OnChipBuffer(
          purpose: .converter, widthBits: width,
          depth: (plan.converterBits[edge] + width - 1) / width)
        plan.memory[edge] += point.memoryBinding.blocks(for: buffer, platform: platform)
      }
    }
    return plan
  }

  /// Block times of every phase and the times of every request, as `timeWorkload` finds them.
  ///
  /// Each phase runs the same recurrences as `regionLatencies` over flat arrays: earliest
  /// starts along the fused edges in producer order, then finish times in kernel order.
  ///
  /// - Complexity: O(phases × (kernels + edges)), without allocation inside the phase loop.
  func fastWorkloadTiming(
    _ point: DesignPoint, slots: [SlotTiming], fills: [Int], entries: [KernelEntry],
    partition: FusionPartition, placement: SLRAssignment
  ) -> WorkloadTiming {
    let kernelCount = plan.blockKernelCount
    let edgeCount = layout.edges.count
    let crossing = Double(max(0, platform.slrCrossingCycles))
    let conservative = point.fifoEqualisation == .conservative

    var crossingDelays = Array(repeating: 0.0, count: edgeCount)
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      let distance = abs(
        placement.slrOfKernel[value.producer] - placement.slrOfKernel[value.consumer])
      crossingDelays[edge] = Double(distance) * crossing
    }
    let portCrossing = (0..<kernelCount).map { kernel in
      Double(abs(placement.slrOfKernel[kernel] - constants.memorySLR)) * crossing
    }
    let fusedByProducer = plan.edgesByProducer.filter { partition.isFused[$0] }
    var incomingStart = [0]
    var incoming: [Int] = []
    for kernel in 0..<kernelCount {
      incoming += plan.incomingEdges[kernel].filter { partition.isFused[$0] }
      incomingStart.append(incoming.count)
    }
    let producers = layout.edges.map(\.producer)
    let regionOf = partition.regionOfKernel

    var latency = Array(repeating: 0.0, count: kernelCount)
    var delay = Array(repeating: 0.0, count: kernelCount)
    var ii = Array(repeating: 0.0, count: kernelCount)
    var start = Array(repeating: 0.0, count: kernelCount)
    var finish = Array(repeating: 0.0, count: kernelCount)
    var regions = Array(repeating: 0.0, count: partition.regionCount)
    var slowest = Array(repeating: 0.0, count: partition.regionCount)
    var seconds = Array(repeating: 0.0, count: phases.count)
    var bytes = Array(repeating: 0.0, count: phases.count)
    var reference: [Double] = []
    let overhead = platform.efficiency.blockOverheadMicroseconds * 1e-6

    for phase in phases.indices {
      let slotBase = phase * kernelCount
      let pairBase = phase * edgeCount
      var phaseBytes = 0.0
      for kernel in 0..<kernelCount {
        let slot = slots[plan.phaseSlots[slotBase + kernel]]
        latency[kernel] = slot.latency
        delay[kernel] = slot.initialDelay
        ii[kernel] = slot.ii
        phaseBytes += slot.externalBytes
      }
      if conservative {
        for region in slowest.indices { slowest[region] = 0 }
        for kernel in 0..<kernelCount {
          slowest[regionOf[kernel]] = max(slowest[regionOf[kernel]], latency[kernel])
        }
        for kernel in 0..<kernelCount {
          let target = slowest[regionOf[kernel]]
          guard target > latency[kernel], latency[kernel] > 0 else { continue }
          let factor = target / latency[kernel]
          latency[kernel] = target
          delay[kernel] *= factor
          ii[kernel] *= factor
        }
      }

      for kernel in 0..<kernelCount { start[kernel] = 0 }
      for edge in fusedByProducer {
        let producer = producers[edge]
        let consumer = layout.edges[edge].consumer
        let fill = fills[plan.phasePairs[pairBase + edge]]
        let converterDelay = fill == 0 ? 0 : Double(fill) * ii[producer]
        let minimum = delay[producer] + converterDelay + crossingDelays[edge]
        start[consumer] = max(start[consumer], start[producer] + minimum)
      }

      for region in regions.indices { regions[region] = 0 }
      for kernel in 0..<kernelCount {
        let slot = slots[plan.phaseSlots[slotBase + kernel]]
        var end = start[kernel] + latency[kernel] + (slot.hasPort ? portCrossing[kernel] : 0)
        let tail = ii[kernel] * slot.drainTokens
        for index in incomingStart[kernel]..<incomingStart[kernel + 1] {
          let edge = incoming[index]
          end = max(end, finish[producers[edge]] + crossingDelays[edge] + tail)
        }
        finish[kernel] = end
        regions[regionOf[kernel]] = max(regions[regionOf[kernel]], end)
      }

      if phase == referencePhase { reference = regions }
      var cycles = 0.0
      for value in regions { cycles += value }
      seconds[phase] = cycles / constants.clockHz + overhead
      bytes[phase] = phaseBytes
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
