/// The analytic cost model: latency, throughput, energy, resources and feasibility of a design
/// point for a workload on a platform, in microseconds rather than an HLS run.
///
/// Everything that does not depend on the design point (the graphs of every phase, the
/// distinct kernel shapes, external bytes) is prepared once in `init`. Then `evaluate` only
/// runs the per-point models. A cost model is a value and may be shared between threads; its solver
/// caches are thread-safe.
public struct CostModel: Sendable {
  public let platform: Platform
  public let precision: Precision
  public let workload: Workload
  public let constraints: CostModelConstraints
  let constants: HardwareConstants
  let layout: GraphLayout
  let phases: [PhaseGraph]
  /// Phases FIFOs are sized for: the largest prompt and the largest context of every group.
  let sizingPhases: [Int]
  /// The phase shown in per-kernel breakdowns: the largest prompt of the first group.
  let referencePhase: Int
  /// Decode phases of each group ordered by context, for the per-request sums.
  let decodeByGroup: [[(context: Int, phase: Int)]]
  let prefillByGroup: [[Int: Int]]
  let layerCounts: [Int]
  let startTimeCache = StartTimeCache()
  let slrCache = SLRAssignmentCache()
  let evaluationCache = EvaluationCache()
  /// Index tables of the fast evaluation path.
  let plan: EvaluationPlan

  /// Creates a cost model from block graphs.
  ///
  /// - Parameters:
  ///   - groups: graphs of every kind of layer for every phase the workload needs; all graphs
  ///     must list the same kernels (by name, in the same order) and edges, since they describe
  ///     one piece of hardware.
  ///   - lmHead: the vocabulary projection for one token, modelled as one more kernel when the
  ///     workload places it on the FPGA.
  ///   - workload: the requests, batch size and LM head placement.
  ///   - precision: the datapath precision the graphs were built with.
  ///   - platform: the card.
  ///   - constraints: utilisation ceilings and solver limits.
  public init(
    groups: [LayerGroup], lmHead: Kernel? = nil, workload: Workload, precision: Precision,
    platform: Platform, constraints: CostModelConstraints = CostModelConstraints()
  ) {
    precondition(!groups.isEmpty, "a cost model needs at least one layer group")
    self.platform = platform
    self.precision = precision
    self.workload = workload
    self.constraints = constraints
    constants = HardwareConstants(platform: platform, precision: precision)

    var phases: [PhaseGraph] = []
    var prefillByGroup: [[Int: Int]] = []
    var decodeByGroup: [[(context: Int, phase: Int)]] = []
    var sizing: [Int] = []
    var graphs: [BlockGraph] = []
    for (groupIndex, group) in groups.enumerated() {
      var prefill: [Int: Int] = [:]
      for (tokens, graph) in group.prefill.sorted(by: { $0.key < $1.key }) {
        prefill[tokens] = phases.count
        phases.append(PhaseGraph(group: groupIndex, isPrefill: true, length: tokens))
        graphs.append(graph)
      }
      var decode: [(context: Int, phase: Int)] = []
      for (context, graph) in group.decode.sorted(by: { $0.key < $1.key }) {
        decode.append((context, phases.count))
        phases.append(PhaseGraph(group: groupIndex, isPrefill: false, length: context))
        graphs.append(graph)
      }
      if let largest = prefill.max(by: { $0.key < $1.key }) { sizing.append(largest.value) }
      if let largest = decode.last { sizing.append(largest.phase) }
      prefillByGroup.append(prefill)
      decodeByGroup.append(decode)
    }
    precondition(!graphs.isEmpty, "a cost model needs at least one block graph")

    let layout = GraphLayout(graphs: graphs, lmHead: workload.lmHead == .fpga ? lmHead : nil)
    for index in phases.indices {
      phases[index].instanceOf = layout.phaseInstances[index]
      phases[index].multiplyAccumulates = graphs[index].kernels
        .filter(\.isMultiplyAccumulate).reduce(0.0) { $0 + Double($1.operations) }
      phases[index].baseBytes = layout.phaseInstances[index].reduce(0.0) {
        $0 + layout.baseBytes[$1]
      }
    }
    self.layout = layout
    self.phases = phases
    self.sizingPhases = sizing
    self.referencePhase = sizing.first ?? 0
    self.prefillByGroup = prefillByGroup
    self.decodeByGroup = decodeByGroup
    self.layerCounts = groups.map(\.layerCount)
    plan = EvaluationPlan(
      layout: layout, phases: phases,
      groups: EvaluationPlan.GroupTables(
        layerCounts: layerCounts, prefill: prefillByGroup, decode: decodeByGroup),
      workload: workload, platform: platform, constants: constants, constraints: constraints)

    for request in workload.requests {
      for (group, prefill) in prefillByGroup.enumerated() {
        precondition(
          prefill[request.inputTokens] != nil,
          "layer group \(group) has no prefill graph for S = \(request.inputTokens)")
        let contexts = Set(decodeByGroup[group].map(\.context))
        for context in Self.decodeContexts(of: request) {
          precondition(
            contexts.contains(context),
            "layer group \(group) has no decode graph for c = \(context)")
        }
      }
    }
  }

  /// Creates a cost model for a model whose layers all share one block, building every graph
  /// the workload needs with `build`.
  public init(
    layers: Int, workload: Workload, precision: Precision, platform: Platform,
    constraints: CostModelConstraints = CostModelConstraints(), lmHead: Kernel? = nil,
    build: (Phase) -> BlockGraph
  ) {
    self.init(
      groups: [LayerGroup(layerCount: layers, workload: workload, build: build)], lmHead: lmHead,
      workload: workload, precision: precision, platform: platform, constraints: constraints)
  }

  /// Context lengths of the decode steps of a request: c = S + i for i in 1...N, since decode
  /// step i attends to the prompt, the i − 1 tokens generated before it and itself.
  public static func decodeContexts(of request: Request) -> Range<Int> {
    let first = request.inputTokens + 1
    return first..<(first + max(0, request.outputTokens))
  }

}

/// One phase's graph, as indices into the cost model's distinct kernels.
struct PhaseGraph: Sendable {
  var group: Int
  var isPrefill: Bool
  /// S for prefill, c for decode.
  var length: Int
  /// Distinct-kernel index of every kernel of the graph.
  var instanceOf: [Int] = []
  var multiplyAccumulates: Double = 0
  /// External bytes the block moves whatever the design: weights, KV cache, block input and
  /// output (the roofline's traffic).
  var baseBytes: Double = 0
}
