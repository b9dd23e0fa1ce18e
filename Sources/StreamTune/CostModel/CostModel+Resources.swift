/// Resources of one kernel, with the FIFOs and converters of the edges it consumes.
struct KernelResources: Sendable, Hashable {
  var dsp = 0
  var memory = MemoryBlocks()
  var lut = 0
  var ff = 0
  var channels = 0

  /// DSP, BRAM18K, URAM, LUT and FF, in the order SLR problems use.
  var vector: [Double] {
    [Double(dsp), Double(memory.bram18k), Double(memory.uram), Double(lut), Double(ff)]
  }
}

/// The block's resources: every kernel exists once, whatever its region.
struct ResourceTotals: Sendable {
  var perKernel: [KernelResources]
  var total: KernelResources
}

extension CostModel {
  /// Resource names in vector order, as used in metrics and reasons.
  static let resourceNames = ["dsp", "bram18k", "uram", "lut", "ff"]

  /// Adds up the resources of the design: for each kernel the largest over its phases (the
  /// hardware is built for the largest), plus FIFOs and converters.
  func totalResources(
    _ point: DesignPoint, estimates: [KernelEstimate], partition: FusionPartition,
    fifo: FIFOPlan
  ) -> ResourceTotals {
    var perKernel = Array(repeating: KernelResources(), count: layout.kernelCount)
    for (kernel, instances) in layout.instancesOfKernel.enumerated() {
      var resources = KernelResources()
      for instance in instances {
        let estimate = estimates[instance]
        resources.dsp = max(resources.dsp, estimate.dsp)
        resources.memory.bram18k = max(resources.memory.bram18k, estimate.memory.bram18k)
        resources.memory.uram = max(resources.memory.uram, estimate.memory.uram)
        resources.memory.lutramLUTs = max(
          resources.memory.lutramLUTs, estimate.memory.lutramLUTs)
        resources.memory.bits = max(resources.memory.bits, estimate.memory.bits)
        resources.lut = max(resources.lut, estimate.lut)
        resources.ff = max(resources.ff, estimate.ff)
        resources.channels = max(resources.channels, estimate.channels)
      }
      perKernel[kernel] = resources
    }

    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      let memory = fifo.memory[edge]
      perKernel[value.consumer].memory += memory
      perKernel[value.consumer].lut += memory.lutramLUTs
    }

    var total = KernelResources()
    for resources in perKernel {
      total.dsp += resources.dsp
      total.memory += resources.memory
      total.lut += resources.lut
      total.ff += resources.ff
      total.channels += resources.channels
    }
    return ResourceTotals(perKernel: perKernel, total: total)
  }

  /// Places kernels on SLRs with the point's method; a single-SLR device needs no placement.
  func placeKernels(
    _ point: DesignPoint, resources: ResourceTotals, fifo: FIFOPlan, partition: FusionPartition
  ) -> SLRAssignment {
    let kernels = layout.kernelCount
    guard platform.slrs.count > 1 else {
      return SLRAssignment(
        slrOfKernel: Array(repeating: 0, count: kernels), crossingBits: 0,
        usedGreedyFallback: false, fallbackReason: nil)
    }

    var streams: [(from: Int, to: Int, bits: Int)] = []
    for (edge, value) in layout.edges.enumerated() where partition.isFused[edge] {
      streams.append((value.producer, value.consumer, max(1, fifo.wordBits[edge])))
    }
    let problem = SLRProblem(
      demand: resources.perKernel.map(\.vector), capacity: plan.slrCapacity, streams: streams,
      portBits: resources.perKernel.map { $0.channels * constants.portBits },
      memorySLR: min(constants.memorySLR, platform.slrs.count - 1),
      wiresPerBoundary: platform.sllsPerBoundary)

    switch point.slrPlacement {
    case .greedy:
      return SLRAssignment.greedy(problem)
    case .ilp:
      return slrCache.assignment(for: problem, timeLimitSeconds: constraints.slrTimeLimitSeconds)
    }
  }
}
