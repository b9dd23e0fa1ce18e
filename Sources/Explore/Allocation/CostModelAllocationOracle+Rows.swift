import StreamTune

/// The resource rows and latency stages of an allocation problem.
extension CostModelAllocationOracle {
  /// Builds the capped resource rows: the kernel resources, DMA channels and, when the space
  /// has a lane budget, total lanes.
  ///
  /// The memory that the kernel model does not see (FIFOs and layout converters, counted by the
  /// cost model in the consumer's resources) is taken from the base evaluation and added to
  /// every row's constant, so the base selection's usage equals the cost model's totals.
  func resourceRows(
    metrics: Metrics, base: [Int], groupOptions: [[[Int]]], amounts: [[[KernelCost]]],
    fixed: [KernelCost]
  ) -> [ResourceRow] {
    let measured = [
      metrics.dsp, metrics.bram18k, metrics.uram, metrics.lut, metrics.ff, metrics.channels,
    ].map(Double.init)
    let device = searchSpace.platform.totalResources
    let limits = searchSpace.constraints
    let deviceTotals = [device.dsp, device.bram18k, device.uram, device.lut, device.ff]
    let absolute = [limits.maxDSP, limits.maxBRAM18K, limits.maxURAM, limits.maxLUT, limits.maxFF]

    var rows: [ResourceRow] = []
    for (index, name) in Self.kernelResourceNames.enumerated() {
      let estimatedBase = amounts.reduce(fixed[0].vector[index]) { $0 + $1[0][0].vector[index] }
      let unseen = measured[index] - estimatedBase
      var cap: Double
      if index < deviceTotals.count {
        cap = Double(deviceTotals[index]) * limits.ceiling(for: name)
        if let limit = absolute[index] { cap = min(cap, Double(limit)) }
      } else {
        cap = Double(constants.channelCount)
      }
      rows.append(
        ResourceRow(
          name: name, cap: cap, constant: fixed.map { $0.vector[index] + unseen },
          amounts: amounts.map { group in group.map { option in option.map { $0.vector[index] } } }
        ))
    }

    let design = searchSpace.design
    if let budget = design.maxTotalUnroll {
      let baseLanes = Double(design.totalLanes(base))
      let laneAmounts = groupOptions.indices.map { group in
        groupOptions[group].map { option in
          let lanes = design.totalLanes(assigning(option, to: groupVariables[group], in: base))
          return [Double](repeating: Double(lanes) - baseLanes, count: fixed.count)
        }
      }
      rows.append(
        ResourceRow(
          name: "lanes", cap: Double(budget),
          constant: [Double](repeating: baseLanes, count: fixed.count), amounts: laneAmounts))
    }
    return rows
  }

  /// Builds one stage per phase and region (and one for the LM head), merging equal stages
  /// by adding their weights.
  ///
  /// Converter fills are those of the base configuration's loop nests, since tiles and loop
  /// orders (outer variables) set the stream layouts.
  func latencyStages(
    basePoint: DesignPoint, regions: [Int], timings: [[[Int: KernelTiming]]],
    fixedTiming: [Int: KernelTiming]
  ) -> [LatencyStage] {
    var groupOf: [String: Int] = [:]
    for (group, kernels) in groupKernels.enumerated() {
      for kernel in kernels { groupOf[kernel] = group }
    }
    func term(_ instance: Int, _ value: (KernelTiming) -> Double) -> LatencyTerm {
      if let group = groupOf[instances[instance].name] {
        return LatencyTerm(
          group: group, cycles: timings[group].map { $0[instance].map(value) ?? 0 })
      }
      return LatencyTerm(group: nil, cycles: [fixedTiming[instance].map(value) ?? 0])
    }
    func stage(_ members: [Int], edges: [StageEdge], weight: Double) -> LatencyStage {
      LatencyStage(
        weight: weight, latency: members.map { term($0, \.latency) },
        delay: members.map { term($0, \.initialDelay) }, lag: members.map { term($0, \.lag) },
        tail: members.map { term($0, \.tail) }, edges: edges)
    }
    // The input tokens a consumer's first output needs, less one (`StreamTiming.inputBound`),
    // from the base option's token counts.
    func neededTokens(producer: Int, consumer: Int) -> Double {
      let first = term(producer, { Double($0.tokens) }).cycles[0]
      let own = term(consumer, { Double($0.tokens) }).cycles[0]
      let drain = term(consumer, { Double($0.drainTokens) }).cycles[0]
      return Double(
        StreamTiming.lastInputNeeded(
          byOutput: 0, outputTokens: max(1, Int(own)), inputTokens: max(1, Int(first)),
          drainTokens: Int(drain)))
    }

    // NOTE: Conservative FIFO equalisation slows every kernel of a region to its slowest one,
    // which is not linear in the options. Stages use native rates for it, so its estimates are
    // optimistic, and only the cost model's evaluation of the proposal is exact.
    var all: [LatencyStage] = []
    let regionIndices = Array(Set(regions)).sorted()
    for phase in phases {
      for region in regionIndices {
        let positions = phase.instances.indices.filter { regions[$0] == region }
        let members = positions.map { phase.instances[$0] }
        var stageEdges: [StageEdge] = []
        for edge in edges {
          guard let producer = positions.firstIndex(of: edge.producer),
            let consumer = positions.firstIndex(of: edge.consumer)
          else { continue }
          let fill = converterFill(edge, phase: phase.instances, basePoint: basePoint)
          let needed = neededTokens(producer: members[producer], consumer: members[consumer])
          let spacing = term(members[producer], \.spacing)
          var arrival = spacing
          arrival.cycles = spacing.cycles.map { fill * $0 }
          var waited = spacing
          waited.cycles = spacing.cycles.map { needed * $0 }
          stageEdges.append(
            StageEdge(producer: producer, consumer: consumer, arrival: arrival, waited: waited))
        }
        all.append(stage(members, edges: stageEdges, weight: phase.weight))
      }
    }
    if let lmHead {
      all.append(stage([lmHead.instance], edges: [], weight: lmHead.weight))
    }

    var merged: [LatencyStage] = []
    var position: [StageKey: Int] = [:]
    for candidate in all {
      let key = StageKey(
        latency: candidate.latency, delay: candidate.delay, lag: candidate.lag,
        tail: candidate.tail, edges: candidate.edges)
      if let known = position[key] {
        merged[known].weight += candidate.weight
      } else {
        position[key] = merged.count
        merged.append(candidate)
      }
    }
    return merged
  }

  /// Producer tokens a layout converter waits for before the consumer can start (0 when the
  /// layouts match), as the cost model finds it for a fused edge.
  func converterFill(_ edge: Edge, phase: [Int], basePoint: DesignPoint) -> Double {
    let producer = instances[phase[edge.producer]]
    let consumer = instances[phase[edge.consumer]]
    let producerNest = LoopNest(kernel: producer, design: basePoint.design(of: producer.name))
    let output = Itensor(operand: producer.output, nest: producerNest, isOutput: true)
    guard let operand = consumer.inputs.first(where: { $0.name == edge.tensor }) else { return 0 }
    let consumerNest = LoopNest(kernel: consumer, design: basePoint.design(of: consumer.name))
    let input = Itensor(operand: operand, nest: consumerNest, isOutput: false)
    return LayoutConverter(producer: output, consumer: input).delayCycles(producerSpacing: 1)
  }
}

/// A stage without its weight, to merge equal stages.
private struct StageKey: Hashable {
  var latency: [LatencyTerm]
  var delay: [LatencyTerm]
  var lag: [LatencyTerm]
  var tail: [LatencyTerm]
  var edges: [StageEdge]
}
