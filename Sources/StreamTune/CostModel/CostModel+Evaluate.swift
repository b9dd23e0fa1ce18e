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

  /// Looks up the converters of every edge for the point's kernel designs, building those the
  /// cache does not have.
  func converterEntries(designs: [KernelDesign], designIDs: [Int]) -> [ConverterEntry] {
    let edges = layout.edges
    let itensorKeys = edges.indices.flatMap { edge in
      [
        EvaluationCache.ItensorKey(
          edge: edge, design: designIDs[edges[edge].producer], isOutput: true),
        EvaluationCache.ItensorKey(
          edge: edge, design: designIDs[edges[edge].consumer], isOutput: false),
      ]
    }
    var lists = evaluationCache.itensorLists(itensorKeys)
    let missingLists = lists.indices.filter { lists[$0] == nil }
    if !missingLists.isEmpty {
      let built = missingLists.map { index in
        (itensorKeys[index], itensors(of: itensorKeys[index], designs: designs))
      }
      for (index, list) in zip(missingLists, evaluationCache.store(built)) { lists[index] = list }
    }

    let keys = edges.indices.map { edge in
      EvaluationCache.ConverterKey(
        edge: edge, outputs: lists[2 * edge]!.id, inputs: lists[2 * edge + 1]!.id)
    }
    var entries = evaluationCache.converterEntries(keys)
    let missing = entries.indices.filter { entries[$0] == nil }
    if !missing.isEmpty {
      var built: [(EvaluationCache.ConverterKey, ConverterEntry)] = []
      for edge in missing {
        let outputs = lists[2 * edge]!.itensors
        let inputs = lists[2 * edge + 1]!.itensors
        let entry = ConverterEntry(
          converters: plan.pairEnds[edge].map { ends in
            let output = outputs[ends.producer]!
            return LayoutConverter(producer: output, consumer: inputs[ends.consumer] ?? output)
          })
        entries[edge] = entry
        built.append((keys[edge], entry))
      }
      evaluationCache.store(built)
    }
    return entries.map { $0! }
  }

  /// Builds the output itensors of an edge's distinct producer instances, or the input itensors
  /// of its distinct consumer instances (`nil` for a consumer that does not read the tensor).
  func itensors(of key: EvaluationCache.ItensorKey, designs: [KernelDesign]) -> [Itensor?] {
    let edge = layout.edges[key.edge]
    if key.isOutput {
      return plan.edgeProducers[key.edge].map { instance in
        let kernel = layout.instances[instance]
        let nest = LoopNest(kernel: kernel, design: designs[edge.producer])
        return Itensor(operand: kernel.output, nest: nest, isOutput: true)
      }
    }
    return plan.edgeConsumers[key.edge].map { instance in
      let kernel = layout.instances[instance]
      guard let operand = kernel.inputs.first(where: { $0.name == edge.tensor }) else {
        return nil
      }
      let nest = LoopNest(kernel: kernel, design: designs[edge.consumer])
      return Itensor(operand: operand, nest: nest, isOutput: false)
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
    var entries = evaluationCache.kernelEntries(keys)
    let missing = entries.indices.filter { entries[$0] == nil }
    if !missing.isEmpty {
      let built = missing.map { index in
        (keys[index], kernelEntry(keys[index], design: designs[keys[index].kernel]))
      }
      for (index, item) in zip(missing, built) { entries[index] = item.1 }
      evaluationCache.store(built)
    }
    return entries.map { $0! }
  }

  /// Estimates every instance of one kernel for a cache key.
  func kernelEntry(_ key: EvaluationCache.KernelKey, design: KernelDesign) -> KernelEntry {
    KernelEntry(
      estimates: layout.instancesOfKernel[key.kernel].map { instance in
        var bytes = layout.baseBytes[instance]
        for (edge, edgeBytes) in layout.edgeBytes[instance] where key.unfused.contains(edge) {
          bytes += edgeBytes
        }
        return KernelModel.estimate(
          kernel: layout.instances[instance],
          nest: LoopNest(kernel: layout.instances[instance], design: design),
          constants: constants, binding: key.binding, externalBytes: bytes,
          channels: design.channels)
      })
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
