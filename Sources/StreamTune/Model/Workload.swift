/// One inference request: a prompt of `inputTokens` followed by `outputTokens` generated tokens.
public struct Request: Sendable, Hashable, Codable, CustomStringConvertible {
  public var inputTokens: Int
  public var outputTokens: Int

  public init(inputTokens: Int, outputTokens: Int) {
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
  }

  /// The conventional `[input:output]` notation.
  public var description: String { "[\(inputTokens):\(outputTokens)]" }
}

/// Where the LM head (vocabulary projection) and the embedding lookup run.
public enum LMHeadPlacement: String, Sendable, Hashable, Codable, CaseIterable {
  /// On the FPGA, as extra kernels after the last block.
  case fpga
  /// On the host CPU; not counted in the accelerator's time or resources.
  case host
  /// Left out of the estimate altogether.
  case excluded
}

/// The requests a design is judged on, and how they are served.
public struct Workload: Sendable, Hashable, Codable {
  public var requests: [Request]
  /// Sequences processed together; every activation stream carries this many rows.
  public var batchSize: Int
  public var lmHead: LMHeadPlacement

  public init(requests: [Request], batchSize: Int = 1, lmHead: LMHeadPlacement = .host) {
    self.requests = requests
    self.batchSize = batchSize
    self.lmHead = lmHead
  }

  /// Longest prompt of any request; FIFOs are sized for it.
  public var maxInputTokens: Int { requests.map(\.inputTokens).max() ?? 0 }

  /// Longest context any decode step reaches (prompt plus all generated tokens).
  public var maxContext: Int { requests.map { $0.inputTokens + $0.outputTokens }.max() ?? 0 }
}
