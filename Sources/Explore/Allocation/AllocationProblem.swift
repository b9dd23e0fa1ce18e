/// A resource-allocation problem for one fixed outer configuration (tiles, loop orders,
/// fusion): pick one option per allocation group and one memory binding, to minimise an
/// estimate of the latency under resource caps.
///
/// Groups hold allocation variables (unroll factors, DMA channels) coupled through shared
/// kernels, so each kernel's lanes and channels depend on exactly one group. The memory
/// binding is global: it changes the memory blocks of every kernel but no latency, so resource
/// amounts are given per (option, binding) pair.
///
/// The latency estimate is a weighted sum of stage times: a stage is one dataflow region in
/// one phase of the workload, timed by the earliest schedule of its kernels (see
/// `LatencyStage`). Regions run one after the other, so their times add up, weighted by how
/// often each stage runs.
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

  /// Returns the index of the resource row with a given name (`dsp`, `bram18k`, `uram`, `lut`, `ff`,
  /// `channels`, `lanes`).
  public func resourceIndex(named name: String) -> Int? {
    resources.firstIndex { $0.name == name }
  }

  /// Computes the latency estimate of a selection, in milliseconds.
  ///
  /// - Complexity: O(total kernels and edges of the stages).
  public func latencyEstimate(_ selection: AllocationSelection) -> Double {
    let cycles = stages.reduce(0.0) { $0 + $1.weight * $1.cycles(selection) }
    return cycles * millisecondsPerCycle
  }

  /// Computes the amount of one resource a selection uses, by the problem's separable estimate.
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

  /// Builds the full configuration of a selection: the base with every group's and the
  /// binding's value indices written in.
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

/// One dataflow region in one phase, timed as the cost model times it.
///
/// Each kernel's first output comes at e_k = max(D_k, max over producers p of e_p + arrival +
/// max(D_k, waited + lag_k)): a kernel starts when its producers' first tokens arrive and emits
/// after its initial delay, but no earlier than one lag after the last input token its first
/// output needs. It finishes at f_k = max(e_k + L_k − D_k, max over producers of f_p + its own
/// drain tail). The region ends at its last finish.
public struct LatencyStage: Sendable, Hashable {
  /// How often the stage runs in the workload (phase occurrences times layers).
  public var weight: Double
  /// Latency L of each kernel of the region, in cycles.
  public var latency: [LatencyTerm]
  /// Initial delay D of each kernel: cycles from its start to its first output.
  public var delay: [LatencyTerm]
  /// Cycles from a kernel's last needed input token to its first output: one spacing, at most
  /// D (`StreamTiming.inputBound`).
  public var lag: [LatencyTerm]
  /// Cycles a kernel needs after its last input: its spacing times its drain tokens.
  public var tail: [LatencyTerm]
  /// Streams inside the region between kernel positions, producer before consumer.
  public var edges: [StageEdge]

  public init(
    weight: Double, latency: [LatencyTerm], delay: [LatencyTerm], lag: [LatencyTerm],
    tail: [LatencyTerm], edges: [StageEdge]
  ) {
    precondition(
      delay.count == latency.count && lag.count == latency.count && tail.count == latency.count,
      "every kernel of a stage needs a latency, delay, lag and tail")
    self.weight = weight
    self.latency = latency
    self.delay = delay
    self.lag = lag
    self.tail = tail
    self.edges = edges
  }

  /// Computes the stage's time under a selection: the latest finish of the earliest schedule.
  ///
  /// - Complexity: O(kernels + edges).
  public func cycles(_ selection: AllocationSelection) -> Double {
    var emit = [Double](repeating: 0, count: latency.count)
    var finish = [Double](repeating: 0, count: latency.count)
    var incoming = [[StageEdge]](repeating: [], count: latency.count)
    for edge in edges { incoming[edge.consumer].append(edge) }
    var end = 0.0
    for node in latency.indices {
      let ownDelay = delay[node].value(selection)
      let ownLag = lag[node].value(selection)
      emit[node] = ownDelay
      for edge in incoming[node] {
        let arrival = emit[edge.producer] + edge.arrival.value(selection)
        emit[node] = max(
          emit[node], arrival + max(ownDelay, edge.waited.value(selection) + ownLag))
      }
      finish[node] = emit[node] + (latency[node].value(selection) - ownDelay)
      for edge in incoming[node] {
        finish[node] = max(finish[node], finish[edge.producer] + tail[node].value(selection))
      }
      end = max(end, finish[node])
    }
    return end
  }
}

/// A stream between two kernels of a stage.
public struct StageEdge: Sendable, Hashable {
  public var producer: Int
  public var consumer: Int
  /// Cycles from the producer's first output to the consumer's earliest start: the layout
  /// converter's fill time, set by the producer's option.
  public var arrival: LatencyTerm
  /// Cycles from that arrival to the last producer token the consumer's first output needs
  /// (n tokens times the producer's spacing), set by the producer's option.
  public var waited: LatencyTerm

  public init(producer: Int, consumer: Int, arrival: LatencyTerm, waited: LatencyTerm) {
    precondition(producer < consumer, "stage kernels must be in topological order")
    self.producer = producer
    self.consumer = consumer
    self.arrival = arrival
    self.waited = waited
  }
}

/// A quantity in cycles that is either fixed or set by one group's option.
public struct LatencyTerm: Sendable, Hashable {
  /// The group whose option sets the value, or `nil` for a fixed value.
  public var group: Int?
  /// Cycles per option of the group, or the single fixed value.
  public var cycles: [Double]

  public init(group: Int?, cycles: [Double]) {
    precondition(group != nil || cycles.count == 1, "a fixed term has one value")
    self.group = group
    self.cycles = cycles
  }

  /// The value under a selection.
  public func value(_ selection: AllocationSelection) -> Double {
    guard let group else { return cycles[0] }
    return cycles[selection.options[group]]
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
