import StreamTune

/// The allocation oracle of a search space, built from the cost model's kernel model.
///
/// Allocation variables are the `unroll` and `channels` variables, grouped so that variables
/// targeting a common kernel share a group, and the `lutram_max_bits` and `uram_min_bits`
/// variables, which form the global binding choice. For one outer configuration the oracle
/// evaluates the base configuration once with the cost model, to learn the dataflow regions
/// and the memory the kernel model does not see (FIFOs, layout converters), and then runs
/// `KernelModel.estimate` for every kernel under every option of its group, in every phase of
/// the workload.
///
/// Approximations: regions are those of the base configuration, although the greedy fusion
/// policy may regroup kernels whose DMA buffers grow with their channels. The FIFO and
/// converter memory and the converter fills are those of the base configuration for every
/// option. Stage times leave out SLR crossings and the fixed block overhead.
public struct CostModelAllocationOracle: AllocationOracle {
  public let searchSpace: SearchSpace
  public let costModel: CostModel
  public let allocationVariables: [Int]
  /// Groups of coupled unroll and channels variables, and the kernels each group sets.
  let groupVariables: [[Int]]
  let groupKernels: [[String]]
  let bindingVariables: [Int]
  let constants: HardwareConstants
  /// Block kernel names in graph order, and the block's edges.
  let kernelNames: [String]
  let edges: [Edge]
  /// Distinct kernels over every phase, with the external bytes they always move and the
  /// bytes of each edge they move while that edge is unfused.
  let instances: [Kernel]
  let instanceBaseBytes: [Double]
  let instanceEdgeBytes: [[(edge: Int, bytes: Double)]]
  /// Instances of each kernel name.
  let instancesByName: [String: [Int]]
  /// Phases: the instance of every block kernel and how often the phase runs, in layers.
  let phases: [(instances: [Int], weight: Double)]
  /// The LM head, when the workload runs it on the FPGA, with its runs per workload.
  let lmHead: (instance: Int, weight: Double)?

  /// Creates the oracle of a search space.
  ///
  /// - Parameters:
  ///   - searchSpace: The loaded search space.
  ///   - costModel: The cost model the run evaluates with; `nil` builds it with
  ///     `costModel(for:)`.
  public init(searchSpace: SearchSpace, costModel: CostModel? = nil) {
    self.searchSpace = searchSpace
    self.costModel = costModel ?? Self.costModel(for: searchSpace)
    constants = HardwareConstants(
      platform: searchSpace.platform, precision: searchSpace.precision)

    let variables = searchSpace.design.variables
    let lanes: Set<DesignParameter> = [.unroll, .channels]
    let binding: Set<DesignParameter> = [.lutramMaxBits, .uramMinBits]
    let laneVariables = variables.indices.filter { lanes.contains(variables[$0].parameter) }
    bindingVariables = variables.indices.filter { binding.contains(variables[$0].parameter) }
    allocationVariables = (laneVariables + bindingVariables).sorted()
    (groupVariables, groupKernels) = Self.groups(of: laneVariables, in: variables)

    let workload = searchSpace.workload
    let graph = searchSpace.prefillGraph
    kernelNames = graph.kernels.map(\.name)
    edges = graph.edges

    var instanceIndex: [Kernel: Int] = [:]
    var instances: [Kernel] = []
    var baseBytes: [Double] = []
    var edgeBytes: [[(edge: Int, bytes: Double)]] = []
    func instance(of kernel: Kernel, at position: Int, in graph: BlockGraph) -> Int {
      if let known = instanceIndex[kernel] { return known }
      instanceIndex[kernel] = instances.count
      instances.append(kernel)
      let bytes = Self.externalBytes(of: kernel, at: position, in: graph)
      baseBytes.append(bytes.base)
      edgeBytes.append(bytes.perEdge)
      return instances.count - 1
    }

    var phases: [(instances: [Int], weight: Double)] = []
    for (phase, count) in Self.phaseCounts(of: workload) {
      let layerGraphs = BlockGraphBuilder.layerGraphs(
        searchSpace.model, precision: searchSpace.precision, phase: phase,
        batchSize: workload.batchSize)
      for layerGraph in layerGraphs where layerGraph.layerCount > 0 {
        let graph = layerGraph.graph
        let row = graph.kernels.indices.map { instance(of: graph.kernels[$0], at: $0, in: graph) }
        phases.append((row, Double(count * layerGraph.layerCount)))
      }
    }
    if workload.lmHead == .fpga {
      let head = BlockGraphBuilder.lmHead(
        searchSpace.model, precision: searchSpace.precision, batchSize: workload.batchSize)
      instanceIndex[head] = instances.count
      instances.append(head)
      let inputs = head.inputs.filter { $0.role == .activation }.reduce(0) { $0 + $1.byteCount }
      baseBytes.append(Double(head.weightBytes + inputs + head.output.byteCount))
      edgeBytes.append([])
      let runs = workload.requests.reduce(0) { $0 + 1 + max(0, $1.outputTokens) }
      lmHead = (instances.count - 1, Double(runs))
    } else {
      lmHead = nil
    }
    self.instances = instances
    instancesByName = Dictionary(grouping: instances.indices) { instances[$0].name }
    instanceBaseBytes = baseBytes
    instanceEdgeBytes = edgeBytes
    self.phases = phases
  }

  /// Builds the cost model a sweep of this search space evaluates with: the space's model,
  /// precision, workload and platform, with its utilisation ceilings.
  public static func costModel(for searchSpace: SearchSpace) -> CostModel {
    let limits = searchSpace.constraints
    let constraints = CostModelConstraints(
      utilisationCeiling: limits.defaultUtilisationCeiling,
      ceilingByResource: limits.utilisationCeiling)
    return CostModel(
      config: searchSpace.model, precision: searchSpace.precision, workload: searchSpace.workload,
      platform: searchSpace.platform, constraints: constraints)
  }

  /// Groups lane variables that target a common kernel, or where one controls the other.
  static func groups(
    of laneVariables: [Int], in variables: [DesignVariable]
  ) -> (variables: [[Int]], kernels: [[String]]) {
    var parent = Dictionary(uniqueKeysWithValues: laneVariables.map { ($0, $0) })
    func root(_ node: Int) -> Int {
      var node = node
      while let up = parent[node], up != node { node = up }
      return node
    }
    var owner: [String: Int] = [:]
    for variable in laneVariables {
      for kernel in variables[variable].kernels {
        if let other = owner[kernel] {
          parent[root(variable)] = root(other)
        } else {
          owner[kernel] = variable
        }
      }
      if let controller = variables[variable].condition?.controller, parent[controller] != nil {
        parent[root(variable)] = root(controller)
      }
    }

    var order: [Int] = []
    var members: [Int: [Int]] = [:]
    for variable in laneVariables {
      let group = root(variable)
      if members[group] == nil { order.append(group) }
      members[group, default: []].append(variable)
    }
    let groupVariables = order.map { members[$0]! }
    let groupKernels = groupVariables.map { group in
      var names: [String] = []
      for variable in group {
        for kernel in variables[variable].kernels where !names.contains(kernel) {
          names.append(kernel)
        }
      }
      return names
    }
    return (groupVariables, groupKernels)
  }

  /// Most decode phases an allocation program times; more contexts are grouped into ranges.
  /// Workloads with up to this many decode contexts are timed exactly.
  static let decodePhaseLimit = 32

  /// Every phase the workload runs with its number of runs: prefill at each prompt length, and
  /// decode at the context lengths c = S + i of every request, in a stable order.
  ///
  /// Decode contexts are sorted and grouped into at most `decodePhaseLimit` ranges of about
  /// equal run counts, each timed at its shortest context with the runs of the whole range.
  /// Decode latency grows with the context, so the program still bounds the exact sum from
  /// below, and its size no longer grows with the number of generated tokens.
  ///
  /// - Parameter workload: the requests.
  /// - Returns: the phases with their run counts.
  /// - Complexity: O(decode steps × log(decode steps)).
  static func phaseCounts(of workload: Workload) -> [(Phase, Int)] {
    var prefill: [Int: Int] = [:]
    var decode: [Int: Int] = [:]
    for request in workload.requests {
      prefill[request.inputTokens, default: 0] += 1
      for context in CostModel.decodeContexts(of: request) {
        decode[context, default: 0] += 1
      }
    }
    let prefillPhases = prefill.keys.sorted().map { (Phase.prefill(tokens: $0), prefill[$0]!) }

    let contexts = decode.keys.sorted()
    let total = contexts.reduce(0) { $0 + decode[$1]! }
    var decodePhases: [(Phase, Int)] = []
    var runs = 0
    var first: Int?
    for (index, context) in contexts.enumerated() {
      if first == nil { first = context }
      runs += decode[context]!
      let target = total * (decodePhases.count + 1) / decodePhaseLimit
      if runs >= target || index == contexts.count - 1 {
        let before = decodePhases.reduce(0) { $0 + $1.1 }
        decodePhases.append((Phase.decode(context: first!), runs - before))
        first = nil
      }
    }
    return prefillPhases + decodePhases
  }

  /// The bytes a kernel moves to or from external memory whatever the fusion (weights, KV
  /// cache, block inputs and outputs), and per edge the bytes it moves when that edge is
  /// unfused, as the cost model counts them.
  static func externalBytes(
    of kernel: Kernel, at position: Int, in graph: BlockGraph
  ) -> (base: Double, perEdge: [(edge: Int, bytes: Double)]) {
    let incoming = graph.edges.enumerated().filter { $0.element.consumer == position }
    let outgoing = graph.edges.enumerated().filter { $0.element.producer == position }
    var base = Double(kernel.weightBytes + kernel.kvCacheBytes)
    var perEdge: [(edge: Int, bytes: Double)] = []
    for operand in kernel.inputs where operand.role == .activation {
      let carried = incoming.filter { $0.element.tensor == operand.name }
      if carried.isEmpty {
        base += Double(operand.byteCount)
      } else {
        for edge in carried { perEdge.append((edge.offset, Double(operand.byteCount))) }
      }
    }
    if outgoing.isEmpty {
      base += Double(kernel.output.byteCount)
    } else {
      for edge in outgoing { perEdge.append((edge.offset, Double(kernel.output.byteCount))) }
    }
    return (base, perEdge)
  }
}
