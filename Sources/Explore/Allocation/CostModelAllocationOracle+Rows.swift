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

  /// Builds one stage per phase and region (and one for the LM head), merging stages whose
  /// floor and terms are equal by adding their weights.
  func latencyStages(
    regions: [Int], latencies: [[[Int: Double]]], fixedLatency: [Int: Double]
  ) -> [LatencyStage] {
    var groupOf: [String: Int] = [:]
    for (group, kernels) in groupKernels.enumerated() {
      for kernel in kernels { groupOf[kernel] = group }
    }

    func stage(_ instancesOfStage: [Int], weight: Double) -> LatencyStage {
      var floor = 0.0
      var terms: [LatencyTerm] = []
      for instance in instancesOfStage {
        if let group = groupOf[instances[instance].name] {
          terms.append(
            LatencyTerm(group: group, cycles: latencies[group].map { $0[instance] ?? 0 }))
        } else {
          floor = max(floor, fixedLatency[instance] ?? 0)
        }
      }
      return LatencyStage(weight: weight, floorCycles: floor, terms: terms)
    }

    var all: [LatencyStage] = []
    let regionIndices = Array(Set(regions)).sorted()
    for phase in phases {
      for region in regionIndices {
        let members = phase.instances.indices.filter { regions[$0] == region }
        all.append(stage(members.map { phase.instances[$0] }, weight: phase.weight))
      }
    }
    if let lmHead {
      all.append(stage([lmHead.instance], weight: lmHead.weight))
    }

    var merged: [LatencyStage] = []
    var position: [StageKey: Int] = [:]
    for candidate in all {
      let key = StageKey(floorCycles: candidate.floorCycles, terms: candidate.terms)
      if let known = position[key] {
        merged[known].weight += candidate.weight
      } else {
        position[key] = merged.count
        merged.append(candidate)
      }
    }
    return merged
  }
}

/// A stage without its weight, to merge equal stages.
private struct StageKey: Hashable {
  var floorCycles: Double
  var terms: [LatencyTerm]
}
