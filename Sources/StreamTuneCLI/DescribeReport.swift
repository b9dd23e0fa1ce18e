import StreamTune

/// Everything `streamtune describe` prints, in a form that encodes to JSON.
struct DescribeReport: Codable {
  struct ModelSummary: Codable {
    var name: String
    var family: String
    var file: String
    var parameterCount: Int
    var layers: Int
    var hiddenSize: Int
    var intermediateSize: Int
    var attentionHeads: Int
    var keyValueHeads: Int
    var headDimension: Int
    var vocabularySize: Int
  }

  struct LoopRow: Codable {
    var name: String
    var tripCount: Int
    var reduction: Bool
  }

  struct KernelRow: Codable {
    var name: String
    var operation: String
    var loops: [LoopRow]
    /// Multiply-accumulates (when `multiplyAccumulate`) or elementwise operations.
    var operations: Int
    var multiplyAccumulate: Bool
    var weightBytes: Int
    var kvCacheBytes: Int
    var activationBytes: Int
  }

  struct PhaseTable: Codable {
    var phase: String
    /// Prompt tokens (prefill) or context length (decode).
    var length: Int
    var kernels: [KernelRow]
    /// Embedding, final norm and LM head, which run once per invocation of the model rather
    /// than per layer. Empty unless the LM head is on the FPGA.
    var headKernels: [KernelRow]
  }

  struct VariableRow: Codable {
    var name: String
    var parameter: String
    var kind: String
    var targets: [String]
    var values: [String]
    var powerOfTwo: Bool
    var condition: String?
  }

  struct SpaceSummary: Codable {
    var variables: [VariableRow]
    /// Exact number of valid design points, in decimal digits.
    var size: String
    var log10Size: Double
    /// Budget on the sum of lanes over kernels, when set.
    var maxTotalUnroll: Int?
  }

  var file: String
  var contentHash: String
  var model: ModelSummary
  var precision: String
  var platform: String
  var clockMhz: Double
  var requests: [[Int]]
  var batchSize: Int
  var lmHead: String
  var lmHeadNote: String
  var phases: [PhaseTable]
  var designSpace: SpaceSummary
  var objectives: [String]
  var strategy: String
  var budget: Int
  var seed: UInt64

  init(_ space: SearchSpace) {
    file = space.file
    contentHash = space.contentHashHex
    let config = space.model
    model = ModelSummary(
      name: config.name, family: config.family.rawValue, file: space.modelFile,
      parameterCount: config.parameterCount, layers: config.layers, hiddenSize: config.hiddenSize,
      intermediateSize: config.intermediateSize, attentionHeads: config.attentionHeads,
      keyValueHeads: config.keyValueHeads, headDimension: config.headDimension,
      vocabularySize: config.vocabularySize)
    precision = space.precision.description
    platform = space.platform.name
    clockMhz = space.platform.clockMHz
    requests = space.workload.requests.map { [$0.inputTokens, $0.outputTokens] }
    batchSize = space.workload.batchSize
    lmHead = space.workload.lmHead.rawValue
    lmHeadNote = Self.note(for: space.workload.lmHead)
    phases = [
      PhaseTable(
        phase: "prefill", length: space.workload.maxInputTokens,
        kernels: Self.rows(space.prefillGraph.kernels),
        headKernels: Self.rows(space.prefillHeadKernels)),
      PhaseTable(
        phase: "decode", length: space.workload.maxContext,
        kernels: Self.rows(space.decodeGraph.kernels),
        headKernels: Self.rows(space.decodeHeadKernels)),
    ]
    let design = space.design
    designSpace = SpaceSummary(
      variables: design.variables.map { Self.row($0, among: design.variables) },
      size: design.cardinality.description,
      log10Size: design.cardinality.log10Value, maxTotalUnroll: design.maxTotalUnroll)
    objectives = space.objectives.map(\.description)
    strategy = space.search.strategy
    budget = space.search.budget
    seed = space.search.seed
  }

  static func note(for placement: LMHeadPlacement) -> String {
    switch placement {
    case .fpga: return "the LM head and embedding run on the FPGA as extra kernels"
    case .host:
      return "the LM head and embedding run on the host CPU and are not counted (the default)"
    case .excluded: return "the LM head and embedding are left out of every estimate"
    }
  }

  static func rows(_ kernels: [Kernel]) -> [KernelRow] {
    kernels.map { kernel in
      KernelRow(
        name: kernel.name, operation: kernel.operation.rawValue,
        loops: kernel.loops.map {
          LoopRow(name: $0.name, tripCount: $0.tripCount, reduction: $0.kind == .reduction)
        },
        operations: kernel.operations, multiplyAccumulate: kernel.isMultiplyAccumulate,
        weightBytes: kernel.weightBytes, kvCacheBytes: kernel.kvCacheBytes,
        activationBytes: kernel.activationBytes)
    }
  }

  static func row(_ variable: DesignVariable, among variables: [DesignVariable]) -> VariableRow {
    var targets: [String]
    switch variable.parameter {
    case .tile, .unroll: targets = variable.kernels.map { "\($0).\(variable.loop ?? "")" }
    case .loopOrder, .channels: targets = variable.kernels
    case .fuse: targets = variable.edges.map(\.description)
    default: targets = []
    }
    let condition = variable.condition.map { condition in
      let values = condition.activeValueIndices.sorted().map {
        variables[condition.controller].values[$0].description
      }
      return "\(condition.controllerName) = \(values.joined(separator: " or "))"
    }
    return VariableRow(
      name: variable.name, parameter: variable.parameter.rawValue, kind: variable.kind.rawValue,
      targets: targets, values: variable.values.map(\.description),
      powerOfTwo: variable.isPowerOfTwoLadder, condition: condition)
  }
}
