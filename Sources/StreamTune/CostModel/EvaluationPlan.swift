/// Index tables of a cost model that the fast evaluation path reads, built once in `init`.
///
/// The instances of kernel k are numbered by their position in `GraphLayout.instancesOfKernel[k]`,
/// the order of a `KernelEntry`'s estimates. The distinct (producer instance, consumer instance)
/// pairs that an edge joins over all phases are numbered likewise, the order of a
/// `ConverterEntry`. Phase tables are phase-major: entry `phase × width + column`.
struct EvaluationPlan: Sendable {
  /// The phases of each layer group: prefill phases by prompt length, decode phases ordered by
  /// context, and the group's layer count.
  struct GroupTables {
    var layerCounts: [Int]
    var prefill: [[Int: Int]]
    var decode: [[(context: Int, phase: Int)]]
  }

  /// One block of a request's sums: a phase, its layer count and which sum it adds to.
  struct RequestStep: Sendable {
    var phase: Int
    var layers: Double
    var isDecode: Bool
  }

  let blockKernelCount: Int
  /// Position of every block kernel's instance in every phase.
  let phasePositions: [Int]
  /// Position of every instance among its kernel's instances.
  let positionOfInstance: [Int]
  /// Distinct (producer instance, consumer instance) pairs of every edge.
  let edgePairs: [[(producer: Int, consumer: Int)]]
  /// Pair position of every edge in every phase.
  let phasePairs: [Int]
  /// Distinct producer and consumer instances of every edge, and the position of each pair's
  /// ends among them.
  let edgeProducers: [[Int]]
  let edgeConsumers: [[Int]]
  let pairEnds: [[(producer: Int, consumer: Int)]]
  /// Edges whose tensor bytes a kernel pays when the edge is unfused, ascending.
  let byteEdgesOfKernel: [[Int]]
  /// Edges by producer and consumer name, for explicit fusion plans (several edges can join
  /// the same two kernels, one per tensor).
  let edgesByName: [EdgeName: [Int]]
  let blockNames: [String]
  /// Edge indices sorted by producer (stable), the order earliest start times need.
  let edgesByProducer: [Int]
  /// Edges into each kernel, in edge order.
  let incomingEdges: [[Int]]
  /// The blocks each request adds up, in the order of the direct implementation.
  let requestSteps: [[RequestStep]]
  /// MACs and roofline seconds of each request's blocks, without the LM head.
  let requestBlockMACs: [Double]
  let requestBlockRoofline: [Double]
  /// Capacity of each SLR after the utilisation ceilings, in SLR-problem resource order.
  let slrCapacity: [[Double]]
  /// Decode phases of each layer group with at least two context lengths. Within a family only
  /// the context-dependent kernels and edges change.
  let families: [Family]
  /// `phasePositions` and `phasePairs` at fixed addresses, for the phase recurrences.
  let pinned: PinnedIndices
  /// Loop names of every kernel over all its instances, in first-seen order.
  let loopNamesOfKernel: [[String]]
  /// Limit, ceiling and capacity of each resource for infeasibility reasons, device-wide and
  /// per SLR (`Feasibility.limitText`).
  let limitTexts: [String]
  let slrLimitTexts: [[String]]

  /// Copies of integer tables at fixed addresses, written only in `init`.
  final class PinnedIndices: @unchecked Sendable {
    let phasePositions: UnsafeMutablePointer<Int>
    let phasePairs: UnsafeMutablePointer<Int>

    init(phasePositions: [Int], phasePairs: [Int]) {
      self.phasePositions = .allocate(capacity: max(1, phasePositions.count))
      self.phasePositions.initialize(from: phasePositions, count: phasePositions.count)
      self.phasePairs = .allocate(capacity: max(1, phasePairs.count))
      self.phasePairs.initialize(from: phasePairs, count: phasePairs.count)
    }

    deinit {
      phasePositions.deallocate()
      phasePairs.deallocate()
    }
  }

  /// The decode phases of one layer group and what changes between them.
  struct Family: Sendable {
    var phases: [Int]
    /// Kernels whose distinct kernel differs between the phases.
    var varyingKernels: [Bool]
    /// Edges whose (producer, consumer) instance pair differs between the phases.
    var varyingEdges: [Bool]
  }

  /// Builds the tables from the parts of a cost model that `init` has prepared.
  init(
    layout: GraphLayout, phases: [PhaseGraph], groups: GroupTables, workload: Workload,
    platform: Platform, constants: HardwareConstants, constraints: CostModelConstraints
  ) {
    let kernelCount = layout.kernelCount
    let blockCount = layout.lmHeadKernel ?? kernelCount
    blockKernelCount = blockCount

    var position = Array(repeating: 0, count: layout.instances.count)
    for instances in layout.instancesOfKernel {
      for (index, instance) in instances.enumerated() { position[instance] = index }
    }
    positionOfInstance = position
    phasePositions = phases.flatMap { phase in
      (0..<blockCount).map { position[phase.instanceOf[$0]] }
    }

    let edges = layout.edges
    var pairs = Array(repeating: [(producer: Int, consumer: Int)](), count: edges.count)
    var pairIndex = Array(repeating: [Int: Int](), count: edges.count)
    var phasePairIndex: [Int] = []
    for phase in phases {
      for (edge, value) in edges.enumerated() {
        let producer = phase.instanceOf[value.producer]
        let consumer = phase.instanceOf[value.consumer]
        let key = producer * layout.instances.count + consumer
        if let known = pairIndex[edge][key] {
          phasePairIndex.append(known)
        } else {
          pairIndex[edge][key] = pairs[edge].count
          phasePairIndex.append(pairs[edge].count)
          pairs[edge].append((producer, consumer))
        }
      }
    }
    edgePairs = pairs
    phasePairs = phasePairIndex
    var producersOfEdge: [[Int]] = []
    var consumersOfEdge: [[Int]] = []
    var ends: [[(producer: Int, consumer: Int)]] = []
    for list in pairs {
      var producers: [Int] = []
      var consumers: [Int] = []
      var positions: [(producer: Int, consumer: Int)] = []
      for pair in list {
        if !producers.contains(pair.producer) { producers.append(pair.producer) }
        if !consumers.contains(pair.consumer) { consumers.append(pair.consumer) }
        positions.append(
          (producers.firstIndex(of: pair.producer)!, consumers.firstIndex(of: pair.consumer)!))
      }
      producersOfEdge.append(producers)
      consumersOfEdge.append(consumers)
      ends.append(positions)
    }
    edgeProducers = producersOfEdge
    edgeConsumers = consumersOfEdge
    pairEnds = ends
    pinned = PinnedIndices(phasePositions: phasePositions, phasePairs: phasePairIndex)

    byteEdgesOfKernel = layout.instancesOfKernel.map { instances in
      Set(instances.flatMap { layout.edgeBytes[$0].map(\.edge) }).sorted()
    }
    var byName: [EdgeName: [Int]] = [:]
    for (index, edge) in edges.enumerated() {
      byName[EdgeName(layout.names[edge.producer], layout.names[edge.consumer]), default: []]
        .append(index)
    }
    edgesByName = byName
    blockNames = Array(layout.names.prefix(blockCount))
    edgesByProducer = edges.indices.sorted {
      (edges[$0].producer, $0) < (edges[$1].producer, $1)
    }
    var incoming = Array(repeating: [Int](), count: kernelCount)
    for (index, edge) in edges.enumerated() { incoming[edge.consumer].append(index) }
    incomingEdges = incoming

    (requestSteps, requestBlockMACs, requestBlockRoofline) = Self.requestSums(
      phases: phases, groups: groups, workload: workload, platform: platform,
      constants: constants)
    families = groups.decode.compactMap { decode in
      let members = decode.map(\.phase)
      guard members.count >= 2, let first = members.first else { return nil }
      return Family(
        phases: members,
        varyingKernels: (0..<blockCount).map { kernel in
          members.contains { phases[$0].instanceOf[kernel] != phases[first].instanceOf[kernel] }
        },
        varyingEdges: edges.indices.map { edge in
          members.contains {
            phasePairIndex[$0 * edges.count + edge] != phasePairIndex[first * edges.count + edge]
          }
        })
    }
    loopNamesOfKernel = layout.instancesOfKernel.map { instances in
      var names: [String] = []
      for instance in instances {
        for loop in layout.instances[instance].loops where !names.contains(loop.name) {
          names.append(loop.name)
        }
      }
      return names
    }
    let device = platform.totalResources
    limitTexts = zip(
      [device.dsp, device.bram18k, device.uram, device.lut, device.ff], CostModel.resourceNames
    ).map { Feasibility.limitText(capacity: $0, ceiling: constraints.ceiling($1)) }
    slrLimitTexts = platform.slrs.map { slr in
      zip([slr.dsp, slr.bram18k, slr.uram, slr.lut, slr.ff], CostModel.resourceNames).map {
        Feasibility.limitText(capacity: $0, ceiling: constraints.ceiling($1))
      }
    }
    slrCapacity = platform.slrs.map { slr in
      zip([slr.dsp, slr.bram18k, slr.uram, slr.lut, slr.ff], CostModel.resourceNames).map {
        Double($0) * constraints.ceiling($1)
      }
    }
  }

  /// The parts of a kernel design that its loop nests and estimates read, as integers: the
  /// kernel, the channels, the loop order (for a permutation, each loop's first position in it),
  /// and whether each loop has a tile and an unroll factor and their values. Designs with equal
  /// keys give equal estimates and converters.
  func designKey(kernel: Int, design: KernelDesign) -> [Int] {
    let names = loopNamesOfKernel[kernel]
    var key: [Int] = []
    key.reserveCapacity(3 + 5 * names.count)
    key.append(kernel)
    key.append(design.channels)
    switch design.loopOrder {
    case .natural: key.append(0)
    case .reductionOuter: key.append(1)
    case .reductionInner: key.append(2)
    case .permutation(let order):
      key.append(3)
      for name in names { key.append(order.firstIndex(of: name) ?? -1) }
    }
    for name in names {
      if let tile = design.tile[name] {
        key.append(1)
        key.append(tile)
      } else {
        key.append(0)
        key.append(0)
      }
      if let unroll = design.unroll[name] {
        key.append(1)
        key.append(unroll)
      } else {
        key.append(0)
        key.append(0)
      }
    }
    return key
  }

  /// The blocks of every request and the sums that do not depend on the design point, added in
  /// the order `timeRequest` adds them so both paths round alike.
  private static func requestSums(
    phases: [PhaseGraph], groups: GroupTables, workload: Workload, platform: Platform,
    constants: HardwareConstants
  ) -> (steps: [[RequestStep]], macs: [Double], roofline: [Double]) {
    var allSteps: [[RequestStep]] = []
    var allMACs: [Double] = []
    var allRoofline: [Double] = []
    for request in workload.requests {
      let contexts = CostModel.decodeContexts(of: request)
      var steps: [RequestStep] = []
      var macs = 0.0
      var roofline = 0.0
      func add(_ phase: Int, layers: Double, isDecode: Bool) {
        steps.append(RequestStep(phase: phase, layers: layers, isDecode: isDecode))
        let graph = phases[phase]
        macs += layers * graph.multiplyAccumulates
        roofline +=
          layers
          * CostModel.rooflineSeconds(
            platform: platform, constants: constants, bytes: graph.baseBytes,
            macs: graph.multiplyAccumulates)
      }
      for (group, layers) in groups.layerCounts.enumerated() {
        if let phase = groups.prefill[group][request.inputTokens] {
          add(phase, layers: Double(layers), isDecode: false)
        }
        for (context, phase) in groups.decode[group] where contexts.contains(context) {
          add(phase, layers: Double(layers), isDecode: true)
        }
      }
      allSteps.append(steps)
      allMACs.append(macs)
      allRoofline.append(roofline)
    }
    return (allSteps, allMACs, allRoofline)
  }
}
