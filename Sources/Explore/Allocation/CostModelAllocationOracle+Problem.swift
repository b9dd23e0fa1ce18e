import StreamTune

/// Building the allocation problem of one outer configuration.
extension CostModelAllocationOracle {
  /// Resource rows estimated from kernels, in the order of `KernelCost.vector`.
  static let kernelResourceNames = ["dsp", "bram18k", "uram", "lut", "ff", "channels"]

  /// Builds the allocation problem of one outer configuration.
  ///
  /// - Complexity: One cost-model evaluation, plus one kernel estimate per group option,
  ///   binding and distinct kernel of the group's kernels over all phases.
  public func problem(outer configuration: [Int]) -> AllocationProblem? {
    let design = searchSpace.design
    var base = configuration
    for variable in allocationVariables { base[variable] = 0 }
    base = design.canonical(base)
    guard design.isValid(base) else { return nil }

    let basePoint = design.designPoint(for: base)
    let metrics = costModel.evaluate(basePoint)
    let regionOf = Dictionary(
      metrics.kernels.map { ($0.name, $0.region) }, uniquingKeysWith: { first, _ in first })
    let regions = kernelNames.map { regionOf[$0] ?? 0 }
    let fused = edges.map { regions[$0.producer] == regions[$0.consumer] }

    let bindings = validOptions(of: bindingVariables, around: base)
    let memoryBindings = bindings.map { values in
      design.designPoint(for: assigning(values, to: bindingVariables, in: base)).memoryBinding
    }
    let groupOptions = groupVariables.map { validOptions(of: $0, around: base) }

    // Per group, option and binding: the summed resources of the group's kernels, and per
    // option the timing of each of its kernel instances.
    var amounts: [[[KernelCost]]] = []
    var timings: [[[Int: KernelTiming]]] = []
    for (group, options) in groupOptions.enumerated() {
      var groupAmounts: [[KernelCost]] = []
      var groupTimings: [[Int: KernelTiming]] = []
      for option in options {
        let point = design.designPoint(
          for: assigning(option, to: groupVariables[group], in: base))
        var perBinding: [KernelCost] = []
        var instanceTiming: [Int: KernelTiming] = [:]
        for (bindingIndex, binding) in memoryBindings.enumerated() {
          var total = KernelCost()
          for kernel in groupKernels[group] {
            let cost = self.cost(
              of: kernel, design: point.design(of: kernel), binding: binding, fused: fused)
            total.add(cost)
            if bindingIndex == 0 { instanceTiming.merge(cost.timing) { first, _ in first } }
          }
          perBinding.append(total)
        }
        groupAmounts.append(perBinding)
        groupTimings.append(instanceTiming)
      }
      amounts.append(groupAmounts)
      timings.append(groupTimings)
    }

    // Kernels that no group sets keep their base design.
    let grouped = Set(groupKernels.joined())
    let fixedKernels = (kernelNames + (lmHead.map { [instances[$0.instance].name] } ?? []))
      .filter { !grouped.contains($0) }
    var fixed: [KernelCost] = []
    var fixedTiming: [Int: KernelTiming] = [:]
    for binding in memoryBindings {
      var total = KernelCost()
      for kernel in fixedKernels {
        let cost = self.cost(
          of: kernel, design: basePoint.design(of: kernel), binding: binding, fused: fused)
        total.add(cost)
        fixedTiming.merge(cost.timing) { first, _ in first }
      }
      fixed.append(total)
    }

    let resources = resourceRows(
      metrics: metrics, base: base, groupOptions: groupOptions, amounts: amounts, fixed: fixed)
    let stages = latencyStages(
      basePoint: basePoint, regions: regions, timings: timings, fixedTiming: fixedTiming)
    let requests = Double(max(1, searchSpace.workload.requests.count))
    return AllocationProblem(
      base: base,
      groups: groupVariables.indices.map {
        AllocationGroup(
          variables: groupVariables[$0], options: groupOptions[$0], kernels: groupKernels[$0])
      },
      bindingVariables: bindingVariables, bindings: bindings, stages: stages,
      resources: resources, millisecondsPerCycle: 1000 / constants.clockHz / requests)
  }

  /// The joint values of some variables that are valid with the rest of `base`, in the order
  /// of a mixed-radix count (the last variable fastest), duplicates after canonicalisation
  /// removed. The first entry is every variable at index 0, valid when `base` is.
  func validOptions(of variables: [Int], around base: [Int]) -> [[Int]] {
    let design = searchSpace.design
    var result: [[Int]] = []
    var seen = Set<[Int]>()
    var digits = [Int](repeating: 0, count: variables.count)
    while true {
      let candidate = design.canonical(assigning(digits, to: variables, in: base))
      let values = variables.map { candidate[$0] }
      if design.isValid(candidate), seen.insert(values).inserted { result.append(values) }

      var position = variables.count - 1
      while position >= 0 {
        digits[position] += 1
        if digits[position] < design.valueCount(of: variables[position]) { break }
        digits[position] = 0
        position -= 1
      }
      if position < 0 { break }
    }
    return result
  }

  func assigning(_ values: [Int], to variables: [Int], in configuration: [Int]) -> [Int] {
    var result = configuration
    for (variable, value) in zip(variables, values) { result[variable] = value }
    return result
  }

  /// The resources of one kernel over all its phases (the largest of each, as the hardware
  /// is built for the largest), with the timing of each of its instances.
  func cost(
    of kernel: String, design: KernelDesign, binding: MemoryBinding, fused: [Bool]
  ) -> KernelCost {
    var result = KernelCost()
    for instance in instancesByName[kernel] ?? [] {
      let value = instances[instance]
      var bytes = instanceBaseBytes[instance]
      for (edge, edgeBytes) in instanceEdgeBytes[instance] where !fused[edge] {
        bytes += edgeBytes
      }
      let estimate = KernelModel.estimate(
        kernel: value, nest: LoopNest(kernel: value, design: design), constants: constants,
        binding: binding, externalBytes: bytes, channels: design.channels)
      let vector = [
        estimate.dsp, estimate.memory.bram18k, estimate.memory.uram, estimate.lut, estimate.ff,
        estimate.channels,
      ].map(Double.init)
      for index in vector.indices {
        result.vector[index] = max(result.vector[index], vector[index])
      }
      let tokens = estimate.tokens
      result.timing[instance] = KernelTiming(
        latency: estimate.latency, initialDelay: estimate.initialDelay, spacing: estimate.spacing,
        lag: tokens > 1 ? min(estimate.spacing, estimate.initialDelay) : 1,
        tail: estimate.drainCycles, tokens: tokens, drainTokens: estimate.drainTokens)
    }
    return result
  }
}

/// Resources of one or more kernels (in `kernelResourceNames` order) and the timing of each
/// kernel instance.
struct KernelCost {
  var vector = [Double](repeating: 0, count: 6)
  var timing: [Int: KernelTiming] = [:]

  mutating func add(_ other: KernelCost) {
    for index in vector.indices { vector[index] += other.vector[index] }
  }
}

/// The timing figures of one kernel instance, in cycles.
struct KernelTiming {
  var latency: Double
  var initialDelay: Double
  /// Cycles between output tokens once the first has come (`StreamTiming.spacing`): the rate
  /// at which a layout converter downstream fills.
  var spacing: Double
  /// Cycles from the last needed input token to the first output (`StreamTiming.inputBound`).
  var lag: Double
  /// Cycles from the last input token to the last output token.
  var tail: Double
  /// Output tokens T and drain tokens; tiles set them, so every option of a group shares them.
  var tokens: Int
  var drainTokens: Int
}
