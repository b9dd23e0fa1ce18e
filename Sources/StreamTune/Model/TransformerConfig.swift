/// A dense decoder family, named by its Hugging Face `model_type`.
public enum ModelFamily: String, Sendable, Hashable, Codable, CaseIterable {
  case gpt2
  case opt
  case gptNeoX = "gpt_neox"
  case phi
  case llama
  case mistral
  case qwen2
  case gemma
  case gemma2
  case gemma3Text = "gemma3_text"
}

/// The normalisation layer a model uses.
public enum NormKind: String, Sendable, Hashable, Codable {
  /// Mean and variance normalisation with a learned scale and bias.
  case layerNorm
  /// Root-mean-square normalisation with a learned scale and no bias.
  case rmsNorm
}

/// The elementwise nonlinearity of the feed-forward network.
public enum ActivationFunction: String, Sendable, Hashable, Codable, CaseIterable {
  /// GELU with the exact error function.
  case gelu
  /// GELU with the tanh approximation (`gelu_new`, `gelu_pytorch_tanh`).
  case geluTanh
  case relu
  /// SiLU, also called swish.
  case silu
}

/// Whether an attention layer attends to every earlier token or only a sliding window of them.
public enum AttentionKind: String, Sendable, Hashable, Codable, CaseIterable {
  case full
  case slidingWindow = "sliding_window"
}

/// The architecture of a dense decoder-only transformer, as far as cost and graph need it.
///
/// Sizes are element counts. `ModelImporter` fills it from a Hugging Face `config.json`. The
/// family fixes the module structure that the fields leave open, such as fused or separate
/// Q/K/V projections, where norms sit and which linear layers have biases.
public struct TransformerConfig: Sendable, Hashable, Codable {
  /// The model's name: the file name, or `_name_or_path` for a file called `config.json`.
  public var name: String
  public var family: ModelFamily
  /// Width of the residual stream (`hidden_size`, `n_embd`).
  public var hiddenSize: Int
  /// Width of the feed-forward hidden layer (per branch when gated).
  public var intermediateSize: Int
  /// Number of transformer blocks.
  public var layers: Int
  /// Query heads.
  public var attentionHeads: Int
  /// Key and value heads; fewer than `attentionHeads` for grouped-query attention.
  public var keyValueHeads: Int
  /// Elements per head; `hiddenSize / attentionHeads` unless the config sets `head_dim`.
  public var headDimension: Int
  public var vocabularySize: Int
  /// Maximum sequence length the model was trained for.
  public var maxPositions: Int
  /// Whether the LM head reuses the token embedding matrix.
  public var tiedEmbeddings: Bool
  public var norm: NormKind
  /// Norms inside one block: 1 (phi), 2 (pre-attention and pre-MLP) or 4 (Gemma 2 and 3,
  /// which also normalise the attention and MLP outputs).
  public var normsPerLayer: Int
  /// Whether queries and keys get their own RMS norm over the head dimension (Gemma 3).
  public var qkNorm: Bool
  /// Whether the model normalises the last block's output before the LM head.
  public var finalNorm: Bool
  public var activation: ActivationFunction
  /// Whether the feed-forward network is gated (`act(gate(x)) * up(x)`, then `down`).
  public var gatedFeedForward: Bool
  /// Fraction of each head's dimensions that rotary embeddings rotate; 0 when positions are
  /// learned.
  public var rotaryFraction: Double
  /// Rows of the learned position-embedding table; 0 for rotary models. OPT's table has two
  /// rows more than `max_position_embeddings` because its positions start at offset 2.
  public var learnedPositions: Int
  /// Whether attention and MLP both read the block input and add into one residual sum.
  public var parallelResidual: Bool
  /// Whether the Q, K and V projections have biases.
  public var qkvBias: Bool
  /// Whether the attention output projection has a bias.
  public var attentionOutputBias: Bool
  /// Whether the feed-forward projections have biases.
  public var mlpBias: Bool
  /// Whether the LM head has a bias (phi).
  public var lmHeadBias: Bool
  /// Width of the token embeddings; differs from `hiddenSize` only for OPT models whose
  /// `word_embed_proj_dim` adds bias-free projections into and out of the residual stream.
  public var wordEmbeddingDimension: Int
  /// Keys a sliding-window layer attends to, or `nil` when every layer attends to all keys.
  public var slidingWindow: Int?
  /// Every `slidingWindowPattern`-th layer (counting from 1) uses full attention and the others
  /// the sliding window; 0 when every layer from `slidingWindowStartLayer` on slides.
  public var slidingWindowPattern: Int
  /// First layer (0-based) that may use the sliding window; Qwen2's `max_window_layers`.
  public var slidingWindowStartLayer: Int

  public init(
    name: String, family: ModelFamily, hiddenSize: Int, intermediateSize: Int, layers: Int,
    attentionHeads: Int, keyValueHeads: Int, headDimension: Int, vocabularySize: Int,
    maxPositions: Int, tiedEmbeddings: Bool, norm: NormKind, normsPerLayer: Int, qkNorm: Bool,
    finalNorm: Bool = true, activation: ActivationFunction, gatedFeedForward: Bool,
    rotaryFraction: Double, learnedPositions: Int, parallelResidual: Bool, qkvBias: Bool,
    attentionOutputBias: Bool, mlpBias: Bool, lmHeadBias: Bool = false,
    wordEmbeddingDimension: Int? = nil, slidingWindow: Int? = nil, slidingWindowPattern: Int = 0,
    slidingWindowStartLayer: Int = 0
  ) {
    self.name = name
    self.family = family
    self.hiddenSize = hiddenSize
    self.intermediateSize = intermediateSize
    self.layers = layers
    self.attentionHeads = attentionHeads
    self.keyValueHeads = keyValueHeads
    self.headDimension = headDimension
    self.vocabularySize = vocabularySize
    self.maxPositions = maxPositions
    self.tiedEmbeddings = tiedEmbeddings
    self.norm = norm
    self.normsPerLayer = normsPerLayer
    self.qkNorm = qkNorm
    self.finalNorm = finalNorm
    self.activation = activation
    self.gatedFeedForward = gatedFeedForward
    self.rotaryFraction = rotaryFraction
    self.learnedPositions = learnedPositions
    self.parallelResidual = parallelResidual
    self.qkvBias = qkvBias
    self.attentionOutputBias = attentionOutputBias
    self.mlpBias = mlpBias
    self.lmHeadBias = lmHeadBias
    self.wordEmbeddingDimension = wordEmbeddingDimension ?? hiddenSize
    self.slidingWindow = slidingWindow
    self.slidingWindowPattern = slidingWindowPattern
    self.slidingWindowStartLayer = slidingWindowStartLayer
  }

  /// Query heads that share one key-value head.
  public var queriesPerKeyValueHead: Int { attentionHeads / keyValueHeads }

  /// Head dimensions rotated by rotary embeddings (Hugging Face truncates the product).
  public var rotaryDimension: Int { Int(Double(headDimension) * rotaryFraction) }

  /// Whether Q, K and V come from one fused projection (`c_attn` in GPT-2,
  /// `query_key_value` in GPT-NeoX) rather than three.
  public var fusedQKV: Bool { family == .gpt2 || family == .gptNeoX }

  /// Whether the block normalises the attention and MLP outputs before the residual adds.
  public var postNorms: Bool { normsPerLayer == 4 }

  /// Returns the attention kind of one layer.
  ///
  /// - Parameter layer: 0-based layer index, less than `layers`.
  public func attentionKind(ofLayer layer: Int) -> AttentionKind {
    precondition(layer >= 0 && layer < layers, "layer index out of range")
    guard slidingWindow != nil, layer >= slidingWindowStartLayer else { return .full }
    if slidingWindowPattern > 0 && (layer + 1) % slidingWindowPattern == 0 { return .full }
    return .slidingWindow
  }

  /// Number of layers of the given attention kind; the counts of all kinds add up to `layers`.
  public func layerCount(of kind: AttentionKind) -> Int {
    (0..<layers).filter { attentionKind(ofLayer: $0) == kind }.count
  }

  /// The attention kinds that occur, most frequent first (ties in `AttentionKind` order).
  public var attentionKinds: [AttentionKind] {
    AttentionKind.allCases
      .filter { layerCount(of: $0) > 0 }
      .sorted { layerCount(of: $0) > layerCount(of: $1) }
  }
}
