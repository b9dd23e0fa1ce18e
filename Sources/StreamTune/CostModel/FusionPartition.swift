/// The grouping of a block's kernels into dataflow regions that run one after the other.
///
/// Kernels of one region run concurrently and stream to each other on chip. An edge between two
/// regions is unfused: the producer writes the tensor to external memory and the consumer reads
/// it back in a later region.
public struct FusionPartition: Sendable, Hashable {
  /// Region index of every kernel; regions are numbered in execution order.
  public var regionOfKernel: [Int]
  public var regionCount: Int
  /// Whether each edge of the graph streams on chip.
  public var isFused: [Bool]

  /// Partitions a block by `plan`.
  ///
  /// - Parameters:
  ///   - plan: the design point's fusion plan.
  ///   - names: kernel names of the block, in topological order.
  ///   - edges: the block's edges.
  ///   - kernelBits: on-chip memory of each kernel's local buffers, in bits (used by the greedy
  ///     policy only).
  ///   - edgeBits: on-chip memory a fused edge adds (converter buffer and FIFO), in bits.
  /// - Complexity: O(kernels × edges) in the worst case, which is small for one block.
  public init(
    plan: FusionPlan, names: [String], edges: [Edge], kernelBits: [Int], edgeBits: [Int]
  ) {
    switch plan {
    case .all:
      regionOfKernel = Array(repeating: 0, count: names.count)
      regionCount = names.isEmpty ? 0 : 1
    case .greedy(let budgetBytes):
      (regionOfKernel, regionCount) = Self.greedy(
        names: names, edges: edges, budgetBits: Double(budgetBytes) * 8, kernelBits: kernelBits,
        edgeBits: edgeBits)
    case .unfused(let unfusedNames):
      let unfused = edges.map { edge in
        unfusedNames.contains(
          EdgeName(names[edge.producer], names[edge.consumer]))
      }
      (regionOfKernel, regionCount) = Self.components(names: names, edges: edges, unfused: unfused)
    }
    let regions = regionOfKernel
    isFused = edges.map { regions[$0.producer] == regions[$0.consumer] }
  }

  /// StreamTensor's greedy policy: in topological order, join each kernel to the latest region
  /// among its producers' unless that region's memory would then exceed the budget; a kernel
  /// without producers, or one that does not fit, opens a new region.
  static func greedy(
    names: [String], edges: [Edge], budgetBits: Double, kernelBits: [Int], edgeBits: [Int]
  ) -> ([Int], Int) {
    var region = Array(repeating: 0, count: names.count)
    var regionBits: [Double] = []
    var incoming = Array(repeating: [Int](), count: names.count)
    for (index, edge) in edges.enumerated() { incoming[edge.consumer].append(index) }

    for kernel in names.indices {
      let own = Double(kernelBits[kernel])
      let candidate = incoming[kernel].map { region[edges[$0].producer] }.max()
      if let candidate {
        let joined = incoming[kernel].reduce(own) { sum, edge in
          region[edges[edge].producer] == candidate ? sum + Double(edgeBits[edge]) : sum
        }
        if regionBits[candidate] + joined <= budgetBits {
          region[kernel] = candidate
          regionBits[candidate] += joined
          continue
        }
      }
      region[kernel] = regionBits.count
      regionBits.append(own)
    }
    return (region, regionBits.count)
  }

  /// Regions as the groups of kernels connected by fused edges, ordered so that every unfused
  /// edge runs forward. Groups whose unfused edges form a cycle cannot run one after the other,
  /// so they are merged into one region (their edges then stream on chip).
  static func components(names: [String], edges: [Edge], unfused: [Bool]) -> ([Int], Int) {
    let count = names.count
    var parent = Array(0..<count)
    func root(_ node: Int) -> Int {
      var node = node
      while parent[node] != node {
        parent[node] = parent[parent[node]]
        node = parent[node]
      }
      return node
    }
    for (index, edge) in edges.enumerated() where !unfused[index] {
      parent[root(edge.producer)] = root(edge.consumer)
    }

    while true {
      let roots = (0..<count).map(root)
      var indegree: [Int: Int] = [:]
      var successors: [Int: Set<Int>] = [:]
      for node in Set(roots) { indegree[node] = 0 }
      for edge in edges {
        let (from, to) = (roots[edge.producer], roots[edge.consumer])
        if from != to, successors[from, default: []].insert(to).inserted {
          indegree[to, default: 0] += 1
        }
      }
      var ready = indegree.filter { $0.value == 0 }.map(\.key).sorted {
        roots.firstIndex(of: $0)! < roots.firstIndex(of: $1)!
      }
      var order: [Int] = []
      while let next = ready.first {
        ready.removeFirst()
        order.append(next)
        for successor in successors[next, default: []].sorted() {
          indegree[successor]! -= 1
          if indegree[successor] == 0 { ready.append(successor) }
        }
      }
      if order.count == indegree.count {
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return (roots.map { position[$0]! }, order.count)
      }
      let stuck = indegree.keys.filter { !order.contains($0) }
      for node in stuck.dropFirst() { parent[root(node)] = root(stuck[0]) }
    }
  }
}
