extension CostModel {
  /// Evaluates one design point.
  ///
  /// Kernel estimates and layout converters come from `EvaluationCache`, keyed by the parts of
  /// the point they depend on, so a search that changes one kernel's design re-estimates that
  /// kernel only. Then every phase is timed with flat index tables (`EvaluationPlan`). The
  /// result equals `evaluateReference`, the direct implementation, to rounding.
  ///
  /// - Returns: the metrics; an infeasible point gets all of them plus its reasons.
  /// - Complexity: O(phases × (kernels + edges)) when the caches hit.
  public func evaluate(_ point: DesignPoint) -> Metrics {
    let designs = layout.names.map { point.design(of: $0) }
    let designIDs = evaluationCache.designIDs(
      designs.indices.map { plan.designKey(kernel: $0, design: designs[$0]) })
    let converters = converterEntries(designs: designs, designIDs: designIDs)
    let partition = fastPartition(
      point, designs: designs, designIDs: designIDs, converters: converters)
    let entries = kernelEntries(
      point, designs: designs, designIDs: designIDs, partition: partition)

    let timings = entries.map(\.timings)

    let fifo = fastFIFOs(point, timings: timings, converters: converters, partition: partition)
    let resources = fastResources(entries: entries, partition: partition, fifo: fifo)
    let placement = placeKernels(point, resources: resources, fifo: fifo, partition: partition)
    let timing = fastWorkloadTiming(
      point, entries: entries, converters: converters, partition: partition,
      placement: placement)

    var reference: [KernelEstimate] = []
    reference.reserveCapacity(layout.kernelCount)
    for (kernel, entry) in entries.enumerated() {
      let instance =
        kernel < plan.blockKernelCount
        ? phases[referencePhase].instanceOf[kernel] : layout.instancesOfKernel[kernel][0]
      reference.append(entry.estimates[plan.positionOfInstance[instance]])
    }
    return metrics(
      point, referenceEstimates: reference, partition: partition, fifo: fifo,
      resources: resources, placement: placement, timing: timing)
  }

  /// The converters of every edge for the point's kernel designs, built on a cache miss.
  func converterEntries(designs: [KernelDesign], designIDs: [Int]) -> [ConverterEntry] {
    let keys = layout.edges.enumerated().map { index, edge in
      EvaluationCache.ConverterKey(
        edge: index, producerDesign: designIDs[edge.producer],
        consumerDesign: designIDs[edge.consumer])
    }
    return evaluationCache.converterEntries(keys) { edge in
      let value = layout.edges[edge]
      var nests: [Int: LoopNest] = [:]
      func nest(_ instance: Int, _ kernel: Int) -> LoopNest {
        if let known = nests[instance] { return known }
        let made = LoopNest(kernel: layout.instances[instance], design: designs[kernel])
        nests[instance] = made
        return made
      }
      return ConverterEntry(
        converters: plan.edgePairs[edge].map { pair in
          converter(
            edge: edge, producer: pair.producer,
            producerNest: nest(pair.producer, value.producer), consumer: pair.consumer,
            consumerNest: nest(pair.consumer, value.consumer))
        })
    }
  }

  /// The estimates of every kernel (LM head last) for the point, with the bytes of the edges
  /// that `partition` leaves unfused.
  func kernelEntries(
    _ point: DesignPoint, designs: [KernelDesign], designIDs: [Int],
    partition: FusionPartition?
  ) -> [KernelEntry] {
    let keys = (0..<layout.kernelCount).map { kernel in
      EvaluationCache.KernelKey(
        kernel: kernel, design: designIDs[kernel], binding: point.memoryBinding,
        unfused: partition.map { regions in
          plan.byteEdgesOfKernel[kernel].filter { !regions.isFused[$0] }
        } ?? [])
    }
    return evaluationCache.kernelEntries(keys) { index in
      let key = keys[index]
      let design = designs[key.kernel]
      let estimates = layout.instancesOfKernel[key.kernel].map { instance in
        var bytes = layout.baseBytes[instance]
        for (edge, edgeBytes) in layout.edgeBytes[instance] where key.unfused.contains(edge) {
          bytes += edgeBytes
        }
        return KernelModel.estimate(
          kernel: layout.instances[instance],
          nest: LoopNest(kernel: layout.instances[instance], design: design),
          constants: constants, binding: point.memoryBinding, externalBytes: bytes,
          channels: design.channels)
      }
      return KernelEntry(estimates: estimates)
    }
  }

  /// The point's regions, as `fusionPartition` finds them, from cached estimates and
  /// converters.
  func fastPartition(
    _ point: DesignPoint, designs: [KernelDesign], designIDs: [Int],
    converters: [ConverterEntry]
  ) -> FusionPartition {
    switch point.fusion {
    case .all:
      return FusionPartition(
        plan: .all, names: plan.blockNames, edges: layout.edges, kernelBits: [], edgeBits: [])
    case .unfused(let names):
      var unfused: [Int] = []
      for name in names { unfused += plan.edgesByName[name] ?? [] }
      unfused.sort()
      return evaluationCache.partition(unfused: unfused) {
        FusionPartition(
          plan: point.fusion, names: plan.blockNames, edges: layout.edges, kernelBits: [],
          edgeBits: [])
      }
    case .greedy:
      let entries = kernelEntries(
        point, designs: designs, designIDs: designIDs, partition: nil)
      let reference = phases[referencePhase].instanceOf
      let kernelBits = (0..<plan.blockKernelCount).map { kernel in
        entries[kernel].estimates[plan.positionOfInstance[reference[kernel]]].memory.bits
      }
      let pairBase = referencePhase * layout.edges.count
      let edgeBits = layout.edges.indices.map { edge in
        let pair = plan.phasePairs[pairBase + edge]
        let producer = layout.edges[edge].producer
        let token = entries[producer].timings[plan.positionOfInstance[reference[producer]]]
        return converters[edge].bufferBits[pair] + FIFOSizing.minimumDepth * token.tokenBits
      }
      return FusionPartition(
        plan: point.fusion, names: plan.blockNames, edges: layout.edges, kernelBits: kernelBits,
        edgeBits: edgeBits)
    }
  }

  /// Resources per kernel (the maximum over its phases) plus the FIFOs and converters of the
  /// fused edges it consumes, as `totalResources` adds them.
  func fastResources(
    entries: [KernelEntry], partition: FusionPartition, fifo: FIFOPlan
  ) -> ResourceTotals {
    var perKernel = entries.map(\.resources)
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
}
