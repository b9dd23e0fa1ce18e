/// A resource-allocation problem for one fixed outer configuration (tiles, loop orders,
/// fusion): pick one option per allocation group and one memory binding, to minimise an
/// estimate of the latency under resource caps.
///
/// Groups hold allocation variables (unroll factors, DMA channels) coupled through shared
/// kernels, so each kernel's lanes and channels depend on exactly one group. The memory
/// binding is global: it changes the memory blocks of every kernel but no latency, so resource
/// amounts are given per (option, binding) pair.
///
/// The latency estimate is a sum of stage bottlenecks: a stage is one dataflow region in one
/// phase of the workload, and its time is the largest latency of its kernels (the slowest
/// kernel bounds a region that streams; the fill and drain of the pipeline are left out).
/// Stages run one after the other, so their bottlenecks add up, weighted by how often the
/// stage runs.
public struct AllocationProblem: Sendable, Hashable {
  /// The outer configuration with every allocation variable at its first value.
  public var base: [Int]
  public var groups: [AllocationGroup]
  /// Variables that set the memory binding (LUTRAM and URAM thresholds); may be empty.
  public var bindingVariables: [Int]
  /// Value indices of `bindingVariables` for each binding choice; at least one entry.
  public var bindings: [[Int]]
  public var stages: [LatencyStage]
  public var resources: [ResourceRow]
  /// Converts the weighted sum of stage cycles to milliseconds of mean request latency.
  public var millisecondsPerCycle: Double

  public init(
    base: [Int], groups: [AllocationGroup], bindingVariables: [Int], bindings: [[Int]],
    stages: [LatencyStage], resources: [ResourceRow], millisecondsPerCycle: Double
  ) {
    precondition(!bindings.isEmpty, "an allocation problem needs at least one binding choice")
    self.base = base
    self.groups = groups
    self.bindingVariables = bindingVariables
    self.bindings = bindings
    self.stages = stages
    self.resources = resources
    self.millisecondsPerCycle = millisecondsPerCycle
  }

  /// The index of the resource row with a given name (`dsp`, `bram18k`, `uram`, `lut`, `ff`,
  /// `channels`, `lanes`).
  public func resourceIndex(named name: String) -> Int? {
    resources.firstIndex { $0.name == name }
  }

  /// The latency estimate of a selection, in milliseconds.
  ///
  /// - Complexity: O(total latency terms).
  public func latencyEstimate(_ selection: AllocationSelection) -> Double {
    var cycles = 0.0
    for stage in stages {
      var bottleneck = stage.floorCycles
      for term in stage.terms {
        bottleneck = max(bottleneck, term.cycles[selection.options[term.group]])
      }
      cycles += stage.weight * bottleneck
    }
    return cycles * millisecondsPerCycle
  }

  /// The amount of one resource a selection uses, by the problem's separable estimate.
  public func usage(_ selection: AllocationSelection, resource: Int) -> Double {
    let row = resources[resource]
    var total = row.constant[selection.binding]
    for group in groups.indices {
      total += row.amounts[group][selection.options[group]][selection.binding]
    }
    return total
  }

  /// Reports whether a selection stays within every cap, with `caps` overriding the rows'
  /// own caps by index.
  public func isFeasible(_ selection: AllocationSelection, caps: [Double]? = nil) -> Bool {
    resources.indices.allSatisfy { index in
      usage(selection, resource: index) <= (caps?[index] ?? resources[index].cap) + 1e-9
    }
  }

  /// The full configuration of a selection: the base with every group's and the binding's
  /// value indices written in.
  public func configuration(_ selection: AllocationSelection) -> [Int] {
    var result = base
    for (group, option) in zip(groups, selection.options) {
      for (variable, value) in zip(group.variables, group.options[option]) {
        result[variable] = value
      }
    }
    for (variable, value) in zip(bindingVariables, bindings[selection.binding]) {
      result[variable] = value
    }
    return result
  }

  /// The selection that takes every group's first option and the first binding, which is the
  /// base configuration.
  public var baseSelection: AllocationSelection {
    AllocationSelection(binding: 0, options: [Int](repeating: 0, count: groups.count))
  }
}

/// Allocation variables that share kernels, and their valid joint values.
public struct AllocationGroup: Sendable, Hashable {
  /// Variable indices into the search space.
  public var variables: [Int]
  /// Value indices of `variables`, one array per option; option 0 is every variable at its
  /// first value.
  public var options: [[Int]]
  /// Names of the kernels whose design the group sets.
  public var kernels: [String]

  public init(variables: [Int], options: [[Int]], kernels: [String]) {
    self.variables = variables
    self.options = options
    self.kernels = kernels
  }
}

/// One dataflow region in one phase: its time is the largest latency of its kernels.
public struct LatencyStage: Sendable, Hashable {
  /// How often the stage runs in the workload (phase occurrences times layers).
  public var weight: Double
  /// The largest latency of the region's kernels that no group sets, in cycles.
  public var floorCycles: Double
  public var terms: [LatencyTerm]

  public init(weight: Double, floorCycles: Double, terms: [LatencyTerm]) {
    self.weight = weight
    self.floorCycles = floorCycles
    self.terms = terms
  }
}

/// The latency of one kernel of a stage under each option of the group that sets it.
public struct LatencyTerm: Sendable, Hashable {
  public var group: Int
  /// Cycles per option of the group.
  public var cycles: [Double]

  public init(group: Int, cycles: [Double]) {
    self.group = group
    self.cycles = cycles
  }
}

/// One capped resource: a constant part plus one amount per group option and binding.
public struct ResourceRow: Sendable, Hashable {
  public var name: String
  public var cap: Double
  /// The amount that no group sets, per binding.
  public var constant: [Double]
  /// Amount per group, option and binding: `amounts[group][option][binding]`.
  public var amounts: [[[Double]]]

  public init(name: String, cap: Double, constant: [Double], amounts: [[[Double]]]) {
    self.name = name
    self.cap = cap
    self.constant = constant
    self.amounts = amounts
  }
}

/// A choice of one option per group and one binding.
public struct AllocationSelection: Sendable, Hashable {
  public var binding: Int
  /// Option index per group.
  public var options: [Int]

  public init(binding: Int, options: [Int]) {
    self.binding = binding
    self.options = options
  }
}
