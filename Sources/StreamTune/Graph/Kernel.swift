/// Whether a loop's iterations are independent or accumulate into the same output.
public enum LoopKind: String, Sendable, Hashable, Codable {
  case parallel
  case reduction
}

/// One named loop of a kernel's loop nest.
public struct Loop: Sendable, Hashable, Codable {
  /// The loop's name, unique within its kernel (`m`, `n`, `k`, `h`, ...).
  public var name: String
  /// Iterations of the loop for the phase the graph was built for.
  public var tripCount: Int
  public var kind: LoopKind

  public init(_ name: String, _ tripCount: Int, _ kind: LoopKind = .parallel) {
    self.name = name
    self.tripCount = tripCount
    self.kind = kind
  }
}

/// The numeric type of a tensor's elements.
public enum ElementType: Sendable, Hashable, Codable, CustomStringConvertible {
  case int(bits: Int)
  case float(bits: Int)

  public var bits: Int {
    switch self {
    case .int(let bits), .float(let bits): return bits
    }
  }

  public var isFloatingPoint: Bool {
    if case .float = self { return true }
    return false
  }

  /// The conventional short name: `int4`, `int8`, `fp16`, `fp32`, ...
  public var description: String {
    switch self {
    case .int(let bits): return "int\(bits)"
    case .float(let bits): return "fp\(bits)"
    }
  }
}

/// Where a kernel operand lives.
public enum OperandRole: String, Sendable, Hashable, Codable {
  /// Streamed from another kernel or, across an unfused edge, from external memory.
  case activation
  /// Read from external memory (HBM or DDR), different for every layer.
  case weight
  /// Keys or values of earlier tokens, read from external memory.
  case kvCache
}

/// A tensor that a kernel reads or writes.
public struct Operand: Sendable, Hashable, Codable {
  /// Tensor name, unique in the block (`x_norm1`, `w_qkv`, `k_cache`, ...).
  public var name: String
  public var role: OperandRole
  public var elementType: ElementType
  /// For each data dimension, the name of the kernel loop that indexes it (identity maps).
  /// A broadcast or grouped dimension names the loop whose index selects it.
  public var dimensions: [String]
  /// Extent of each data dimension, in elements.
  public var shape: [Int]

  public init(
    name: String, role: OperandRole, elementType: ElementType, dimensions: [String], shape: [Int]
  ) {
    precondition(dimensions.count == shape.count, "one loop name per dimension")
    self.name = name
    self.role = role
    self.elementType = elementType
    self.dimensions = dimensions
    self.shape = shape
  }

  /// Number of elements.
  public var elementCount: Int { shape.reduce(1, *) }

  /// Size in bytes, rounded up to whole bytes.
  public var byteCount: Int { (elementCount * elementType.bits + 7) / 8 }
}

/// The operation a kernel performs; selects its HLS template and cost formulas.
public enum KernelOperation: String, Sendable, Hashable, Codable, CaseIterable {
  case embedding
  case layerNorm = "layernorm"
  case rmsNorm = "rmsnorm"
  /// Matrix multiplication against streamed weights (a GEMV when M = 1).
  case gemm
  case rope
  /// Q times K transposed, against the KV cache.
  case attentionScore = "attention_score"
  case softmax
  /// Attention probabilities times V, against the KV cache.
  case attentionContext = "attention_context"
  /// Elementwise GELU, SiLU or ReLU.
  case activation
  /// SiLU or GELU of the gate times the up projection.
  case gatedActivation = "gated_activation"
  case residualAdd = "residual_add"
  case lmHead = "lm_head"
}

/// One operator of the block as a hardware kernel: a loop nest with operands.
public struct Kernel: Sendable, Hashable, Codable {
  /// Name unique in the graph (`qkv_proj`, `fc1`, `attn_score`, ...).
  public var name: String
  public var operation: KernelOperation
  /// Loops in their default order, outermost first.
  public var loops: [Loop]
  public var inputs: [Operand]
  public var output: Operand
  /// Multiply-accumulates (GEMM-like kernels) or elementwise operations (the others) of one
  /// invocation.
  public var operations: Int
  /// Whether `operations` counts multiply-accumulates.
  public var isMultiplyAccumulate: Bool

  public init(
    name: String, operation: KernelOperation, loops: [Loop], inputs: [Operand], output: Operand,
    operations: Int, isMultiplyAccumulate: Bool
  ) {
    self.name = name
    self.operation = operation
    self.loops = loops
    self.inputs = inputs
    self.output = output
    self.operations = operations
    self.isMultiplyAccumulate = isMultiplyAccumulate
  }

  /// Bytes of weights this kernel reads from external memory per invocation.
  public var weightBytes: Int {
    inputs.filter { $0.role == .weight }.reduce(0) { $0 + $1.byteCount }
  }

  /// Bytes of KV cache this kernel reads from external memory per invocation.
  public var kvCacheBytes: Int {
    inputs.filter { $0.role == .kvCache }.reduce(0) { $0 + $1.byteCount }
  }

  /// Bytes of activations this kernel reads and writes per invocation.
  public var activationBytes: Int {
    inputs.filter { $0.role == .activation }.reduce(output.byteCount) { $0 + $1.byteCount }
  }

  /// The loop with the given name.
  public func loop(named name: String) -> Loop? {
    loops.first { $0.name == name }
  }
}
