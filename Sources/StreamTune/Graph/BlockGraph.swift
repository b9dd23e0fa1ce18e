/// The phase of inference a block graph is built for.
public enum Phase: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Prefill of `tokens` prompt tokens: every projection has M = tokens.
  case prefill(tokens: Int)
  /// Decode of one token at context length `context` (cached keys including the new one).
  case decode(context: Int)

  public var description: String {
    switch self {
    case .prefill(let tokens): return "prefill S=\(tokens)"
    case .decode(let context): return "decode c=\(context)"
    }
  }
}

/// A stream between two kernels: the producer's output tensor is an input of the consumer.
public struct Edge: Sendable, Hashable, Codable {
  /// Index of the producing kernel in `BlockGraph.kernels`.
  public var producer: Int
  /// Index of the consuming kernel in `BlockGraph.kernels`.
  public var consumer: Int
  /// Name of the tensor carried.
  public var tensor: String

  public init(producer: Int, consumer: Int, tensor: String) {
    self.producer = producer
    self.consumer = consumer
    self.tensor = tensor
  }
}

/// The kernels of one transformer block for one phase, as a DAG in topological order.
///
/// Kernels are listed so that every producer comes before its consumers. The block input
/// (the residual stream entering the layer) and output leave the graph through external
/// memory; the residual adds make the DAG reconvergent.
public struct BlockGraph: Sendable, Hashable, Codable {
  public var phase: Phase
  public var kernels: [Kernel]
  public var edges: [Edge]

  public init(phase: Phase, kernels: [Kernel], edges: [Edge]) {
    self.phase = phase
    self.kernels = kernels
    self.edges = edges
  }

  /// Index of the kernel with the given name.
  public func index(of name: String) -> Int? {
    kernels.firstIndex { $0.name == name }
  }

  /// Indices of the kernels that feed kernel `index`, in edge order.
  public func predecessors(of index: Int) -> [Int] {
    edges.filter { $0.consumer == index }.map(\.producer)
  }

  /// Indices of the kernels that kernel `index` feeds, in edge order.
  public func successors(of index: Int) -> [Int] {
    edges.filter { $0.producer == index }.map(\.consumer)
  }
}

extension BlockGraph {
  /// Multiply-accumulates of one invocation, summed over the GEMM and attention kernels.
  public var multiplyAccumulates: Int {
    kernels.filter(\.isMultiplyAccumulate).reduce(0) { $0 + $1.operations }
  }

  /// Bytes of weights (including biases and norm parameters) that one invocation reads.
  public var weightBytes: Int {
    kernels.reduce(0) { $0 + $1.weightBytes }
  }

  /// Bytes of KV cache that one invocation reads.
  public var kvCacheBytes: Int {
    kernels.reduce(0) { $0 + $1.kvCacheBytes }
  }

  /// Names of the activation inputs of kernel `index` that no kernel in the graph produces
  /// (the block input `x`, read from external memory).
  public func externalInputs(of index: Int) -> [String] {
    let streamed = Set(edges.filter { $0.consumer == index }.map(\.tensor))
    return kernels[index].inputs
      .filter { $0.role == .activation && !streamed.contains($0.name) }
      .map(\.name)
  }
}
