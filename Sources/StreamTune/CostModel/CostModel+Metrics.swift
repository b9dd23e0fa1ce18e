extension CostModel {
  /// Assembles the metrics of an evaluated point.
  ///
  /// - Parameter referenceEstimates: the estimate of every kernel (LM head last) at the
  ///   reference phase, for the per-kernel breakdown.
  func metrics(
    _ point: DesignPoint, referenceEstimates: [KernelEstimate], partition: FusionPartition,
    fifo: FIFOPlan, resources: ResourceTotals, placement: SLRAssignment, timing: WorkloadTiming
  ) -> Metrics {
    let device = platform.totalResources
    let totals = resources.total
    let available = [device.dsp, device.bram18k, device.uram, device.lut, device.ff]
    var utilisation: [String: Double] = [:]
    for (index, name) in Self.resourceNames.enumerated() {
      utilisation[name] = available[index] > 0 ? totals.vector[index] / Double(available[index]) : 0
    }
    let energy = EnergyModel(
      platform: platform, utilisation: utilisation,
      picojoulesPerByte: constants.picojoulesPerByte)

    var requests: [RequestMetrics] = []
    var totalSeconds = 0.0
    var totalDecodeSeconds = 0.0
    var totalJoules = 0.0
    var outputTokens = 0
    var roofline = 0.0
    for (request, time) in zip(workload.requests, timing.requests) {
      let latency = time.ttftSeconds + time.decodeSeconds
      let joules = energy.joules(seconds: latency, bytes: time.bytes)
      requests.append(
        RequestMetrics(
          request: request, ttftMs: time.ttftSeconds * 1e3, decodeMs: time.decodeSeconds * 1e3,
          latencyMs: latency * 1e3,
          decodeTokensPerS: time.decodeSeconds > 0
            ? Double(request.outputTokens) / time.decodeSeconds : 0,
          energyMJ: joules * 1e3))
      totalSeconds += latency
      totalDecodeSeconds += time.decodeSeconds
      totalJoules += joules
      outputTokens += request.outputTokens
      roofline += time.rooflineSeconds
    }
    let count = Double(max(1, requests.count))
    let latencyMs = requests.reduce(0) { $0 + $1.latencyMs } / count
    let rooflineMs = roofline * 1e3 / count

    var streams: [(from: Int, to: Int, bits: Int)] = []
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      streams.append((value.producer, value.consumer, max(1, fifo.wordBits[edge])))
    }
    let reasons = Feasibility.reasons(
      model: self, totals: totals, perKernel: resources.perKernel, placement: placement,
      streams: streams, powerWatts: energy.boardWatts)

    return Metrics(
      latencyMs: latencyMs,
      ttftMs: requests.reduce(0) { $0 + $1.ttftMs } / count,
      decodeTokensPerS: totalDecodeSeconds > 0 ? Double(outputTokens) / totalDecodeSeconds : 0,
      energyMJPerToken: outputTokens > 0 ? totalJoules * 1e3 / Double(outputTokens) : 0,
      tokensPerJoule: totalJoules > 0 ? Double(outputTokens) / totalJoules : 0,
      powerW: totalSeconds > 0 ? totalJoules / totalSeconds : energy.boardWatts,
      dsp: totals.dsp, bram18k: totals.memory.bram18k, uram: totals.memory.uram,
      lut: totals.lut, ff: totals.ff, channels: totals.channels, utilisation: utilisation,
      requests: requests,
      kernels: kernelBreakdown(
        referenceEstimates: referenceEstimates, partition: partition, resources: resources,
        placement: placement),
      edges: layout.edges.enumerated().map { edge, value in
        EdgeBreakdown(
          producer: layout.names[value.producer], consumer: layout.names[value.consumer],
          tensor: value.tensor, fused: partition.isFused[edge], fifoDepth: fifo.depth[edge],
          tokenBits: fifo.tokenBits[edge], converterBits: fifo.converterBits[edge])
      },
      regionLatencyCycles: timing.referenceRegions,
      rooflineLatencyMs: rooflineMs,
      rooflineDistance: rooflineMs > 0 ? latencyMs / rooflineMs : 0,
      feasible: reasons.isEmpty, reasons: reasons + fifo.solverNotes.map { "note: \($0)" },
      slrFallback: placement.usedGreedyFallback)
  }

  /// Per-kernel figures at the reference phase (the largest prompt), resources over all phases.
  func kernelBreakdown(
    referenceEstimates: [KernelEstimate], partition: FusionPartition, resources: ResourceTotals,
    placement: SLRAssignment
  ) -> [KernelBreakdown] {
    referenceEstimates.enumerated().map { kernel, estimate in
      let own = resources.perKernel[kernel]
      return KernelBreakdown(
        name: layout.names[kernel],
        region: kernel < partition.regionOfKernel.count ? partition.regionOfKernel[kernel] : -1,
        slr: placement.slrOfKernel[kernel], lanes: estimate.lanes,
        latencyCycles: estimate.latency, initialDelayCycles: estimate.initialDelay,
        iiCycles: estimate.ii, computeCycles: estimate.computeCycles,
        memoryCycles: estimate.memoryCycles, channels: estimate.channels, dsp: own.dsp,
        bram18k: own.memory.bram18k, uram: own.memory.uram, lut: own.lut, ff: own.ff)
    }
  }
}
