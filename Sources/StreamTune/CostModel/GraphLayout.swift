/// The structure shared by all phase graphs of a cost model, and their distinct kernels.
///
/// Phases differ only in trip counts and shapes, so a kernel that is the same in two phases
/// (every projection of every decode step, for instance) becomes one distinct kernel
/// (instance) and is estimated once per evaluation.
struct GraphLayout: Sendable {
  /// Kernel names, graph order; the LM head, when modelled, comes last.
  var names: [String]
  var edges: [Edge]
  /// Distinct kernels over all phases.
  var instances: [Kernel]
  /// Kernel index (into `names`) of each instance.
  var instanceKernel: [Int]
  /// Instances of each kernel.
  var instancesOfKernel: [[Int]]
  /// Instance of every kernel of every phase.
  var phaseInstances: [[Int]]
  /// Bytes every instance moves to or from external memory whatever the fusion: weights, KV
  /// cache, block inputs that no edge carries, and block outputs that feed no edge.
  var baseBytes: [Double]
  /// For every instance, the bytes of each of its edges' tensors, paid when the edge is unfused.
  var edgeBytes: [[(edge: Int, bytes: Double)]]
  /// Share of the producer's output that each edge carries: 1, or the share of the slice a
  /// consumer reads from a fused output (1/3 for each of `q`, `k` and `v` of a GPT-2 QKV
  /// projection). FIFOs of a slice edge carry that share of the producer's tokens.
  var streamShare: [Double]
  /// Index of the LM head kernel in `names` and its instance.
  var lmHeadKernel: Int?
  var lmHeadInstance: Int?

  init(graphs: [BlockGraph], lmHead: Kernel?) {
    let first = graphs[0]
    for graph in graphs.dropFirst() {
      precondition(
        graph.kernels.map(\.name) == first.kernels.map(\.name) && graph.edges == first.edges,
        "every phase graph of a cost model must have the same kernels and edges")
    }
    names = first.kernels.map(\.name)
    edges = first.edges
    streamShare = first.edges.map { GraphLayout.streamShare(of: $0, in: first) }
    instances = []
    instanceKernel = []
    phaseInstances = []
    var index: [Kernel: Int] = [:]
    for graph in graphs {
      var row: [Int] = []
      for (kernel, value) in graph.kernels.enumerated() {
        if let known = index[value] {
          row.append(known)
        } else {
          index[value] = instances.count
          row.append(instances.count)
          instances.append(value)
          instanceKernel.append(kernel)
        }
      }
      phaseInstances.append(row)
    }

    if let lmHead {
      lmHeadKernel = names.count
      lmHeadInstance = instances.count
      names.append(lmHead.name)
      instances.append(lmHead)
      instanceKernel.append(names.count - 1)
    }

    instancesOfKernel = Array(repeating: [], count: names.count)
    for (instance, kernel) in instanceKernel.enumerated() {
      instancesOfKernel[kernel].append(instance)
    }

    baseBytes = []
    edgeBytes = []
    for (instance, kernel) in instances.enumerated() {
      let position = instanceKernel[instance]
      let incoming = first.edges.enumerated().filter { $0.element.consumer == position }
      let outgoing = first.edges.enumerated().filter { $0.element.producer == position }
      let isLMHead = position == lmHeadKernel
      var bytes = Double(kernel.weightBytes + kernel.kvCacheBytes)
      var perEdge: [(edge: Int, bytes: Double)] = []
      for operand in kernel.inputs where operand.role == .activation {
        let carried = incoming.filter { $0.element.tensor == operand.name }
        if carried.isEmpty || isLMHead {
          bytes += Double(operand.byteCount)
        } else {
          for edge in carried { perEdge.append((edge.offset, Double(operand.byteCount))) }
        }
      }
      if outgoing.isEmpty || isLMHead {
        bytes += Double(kernel.output.byteCount)
      } else {
        // A slice edge writes its slice; the slices of a fused output add up to the output.
        for edge in outgoing {
          let share = streamShare[edge.offset]
          perEdge.append((edge.offset, (Double(kernel.output.byteCount) * share).rounded(.up)))
        }
      }
      baseBytes.append(bytes)
      edgeBytes.append(perEdge)
    }
  }

  var kernelCount: Int { names.count }

  /// Elements of the consumer's operand over elements of the producer's output, at most 1.
  static func streamShare(of edge: Edge, in graph: BlockGraph) -> Double {
    let output = graph.kernels[edge.producer].output
    guard edge.tensor != output.name,
      let operand = graph.kernels[edge.consumer].inputs.first(where: { $0.name == edge.tensor }),
      output.elementCount > 0
    else { return 1 }
    return min(1, Double(operand.elementCount) / Double(output.elementCount))
  }
}
