/// Limits the cost model checks a design against, beyond the device itself.
public struct CostModelConstraints: Sendable, Hashable, Codable {
  /// Share of each resource a design may use, for routability (0 to 1].
  public var utilisationCeiling: Double
  /// Per-resource overrides of `utilisationCeiling`, by resource name (`dsp`, `bram18k`,
  /// `uram`, `lut`, `ff`).
  public var ceilingByResource: [String: Double]
  /// CBC's time limit for one SLR placement, in seconds.
  public var slrTimeLimitSeconds: Double
  /// Whether a board power estimate above the card's limit makes a design infeasible.
  public var enforcePowerLimit: Bool

  public init(
    utilisationCeiling: Double = 0.9, ceilingByResource: [String: Double] = [:],
    slrTimeLimitSeconds: Double = 2, enforcePowerLimit: Bool = true
  ) {
    self.utilisationCeiling = utilisationCeiling
    self.ceilingByResource = ceilingByResource
    self.slrTimeLimitSeconds = slrTimeLimitSeconds
    self.enforcePowerLimit = enforcePowerLimit
  }

  /// The ceiling of one resource.
  public func ceiling(_ resource: String) -> Double {
    ceilingByResource[resource] ?? utilisationCeiling
  }
}

/// The block graphs of one kind of layer (for example the sliding-window layers of a model
/// that mixes local and global attention), for every phase the workload needs.
public struct LayerGroup: Sendable, Hashable {
  /// Layers of this kind in the model.
  public var layerCount: Int
  /// Prefill graphs by prompt length S.
  public var prefill: [Int: BlockGraph]
  /// Decode graphs by context length c.
  public var decode: [Int: BlockGraph]

  public init(layerCount: Int, prefill: [Int: BlockGraph], decode: [Int: BlockGraph]) {
    self.layerCount = layerCount
    self.prefill = prefill
    self.decode = decode
  }

  /// Builds the graphs a workload needs with `build`: prefill at every prompt length, decode at
  /// every context length c = S + i for i in 1...N of every request.
  public init(layerCount: Int, workload: Workload, build: (Phase) -> BlockGraph) {
    var prefill: [Int: BlockGraph] = [:]
    var decode: [Int: BlockGraph] = [:]
    for request in workload.requests {
      if prefill[request.inputTokens] == nil {
        prefill[request.inputTokens] = build(.prefill(tokens: request.inputTokens))
      }
      for context in CostModel.decodeContexts(of: request) where decode[context] == nil {
        decode[context] = build(.decode(context: context))
      }
    }
    self.init(layerCount: layerCount, prefill: prefill, decode: decode)
  }
}
