/// A validated search space: what to build, for which model and card, what may vary, and what
/// counts as better.
public struct SearchSpace: Sendable {
  /// The search-space file, as named when loading.
  public var file: String
  /// Free text from the file's `description`.
  public var summary: String?
  /// The model config file the space refers to.
  public var modelFile: String
  public var model: TransformerConfig
  public var precision: Precision
  public var workload: Workload
  /// The platform preset name or file the space refers to.
  public var platformSource: String
  public var platform: Platform
  public var design: DesignSpace
  public var objectives: [Objective]
  public var constraints: SearchConstraints
  public var search: SearchSettings
  /// FNV-1a 64 hash of the canonical text of the search-space file, the model config and the
  /// platform file (see `ContentHash`).
  public var contentHash: UInt64
  /// The block graph for prefill at the longest prompt (the attention kind most layers use).
  public var prefillGraph: BlockGraph
  /// The block graph for decode at the longest context.
  public var decodeGraph: BlockGraph
  /// The embedding, final norm and LM head kernels for prefill when `workload.lmHead` is
  /// `.fpga`; empty otherwise.
  public var prefillHeadKernels: [Kernel]
  /// The same kernels for decode.
  public var decodeHeadKernels: [Kernel]

  /// `contentHash` as 16 hexadecimal digits.
  public var contentHashHex: String { ContentHash.hex(contentHash) }
}
