extension ModelImporter {
  /// A family's spelling of each config field and the Hugging Face default for fields that a
  /// file may leave out.
  struct FieldNames {
    var hidden = ["hidden_size", "d_model"]
    var layers = ["num_hidden_layers"]
    var heads = ["num_attention_heads"]
    var intermediate = ["intermediate_size"]
    var positions = ["max_position_embeddings"]
    var defaultPositions = 2048
    var activation = ["hidden_act"]
    var defaultActivation = "silu"
    var defaultTied = false
    /// Keys of the rotary fraction; empty for learned positions.
    var rotary = ["partial_rotary_factor"]
    var defaultRotary = 1.0
    var allowsHeadDimension = true
    /// Head size used when `head_dim` is absent, instead of hidden size / heads.
    var defaultHeadDimension: Int?
    var allowsKeyValueHeads = true

    init(_ family: ModelFamily) {
      switch family {
      case .gpt2:
        hidden = ["n_embd", "hidden_size"]
        layers = ["n_layer", "num_hidden_layers"]
        heads = ["n_head", "num_attention_heads"]
        intermediate = ["n_inner"]
        positions = ["n_positions", "n_ctx"]
        defaultPositions = 1024
        activation = ["activation_function"]
        defaultActivation = "gelu_new"
        defaultTied = true
        rotary = []
        allowsHeadDimension = false
        allowsKeyValueHeads = false
      case .opt:
        intermediate = ["ffn_dim"]
        activation = ["activation_function"]
        defaultActivation = "relu"
        defaultTied = true
        rotary = []
        allowsHeadDimension = false
        allowsKeyValueHeads = false
      case .gptNeoX:
        defaultActivation = "gelu"
        rotary = ["rotary_pct", "partial_rotary_factor"]
        defaultRotary = 0.25
        allowsHeadDimension = false
        allowsKeyValueHeads = false
      case .phi:
        defaultActivation = "gelu_new"
        defaultRotary = 0.5
        allowsHeadDimension = false
      case .llama, .mistral, .qwen2:
        break
      case .gemma, .gemma2, .gemma3Text:
        activation = ["hidden_activation"]
        defaultActivation = "gelu_pytorch_tanh"
        defaultTied = true
        defaultHeadDimension = 256
      }
    }
  }

  /// The layers that attend through a sliding window, and the window size.
  struct SlidingWindowLayout {
    var size: Int?
    var pattern = 0
    var startLayer = 0
  }

  /// Reads the sliding-window fields of the families that have them.
  ///
  /// Mistral slides on every layer (`sliding_window`, Hugging Face default 4096, null for
  /// none); Qwen2 slides only with `use_sliding_window`, from layer `max_window_layers` on;
  /// Gemma 2 alternates sliding and full layers; Gemma 3 makes every
  /// `sliding_window_pattern`-th layer full.
  ///
  /// - Returns: The layout, or `nil` when a field is invalid (with the problem recorded).
  static func readSlidingWindow(
    _ reader: inout ModelConfigReader, family: ModelFamily, layers: Int?
  ) -> SlidingWindowLayout? {
    let windowKey = ["sliding_window"]
    let range = 1...maxPositions

    switch family {
    case .mistral:
      if let node = reader.root["sliding_window"], node.isNull { return SlidingWindowLayout() }
      guard let size = reader.integer(windowKey, default: 4096, range: range) else { return nil }
      return SlidingWindowLayout(size: size)
    case .qwen2:
      guard reader.boolean("use_sliding_window", default: false) else {
        return SlidingWindowLayout()
      }
      let size = reader.integer(windowKey, default: 4096, range: range)
      let start = reader.integer(["max_window_layers"], default: 28, range: 0...maxLayers)
      guard let size, let start else { return nil }
      return SlidingWindowLayout(size: size, startLayer: start)
    case .gemma2:
      guard let size = reader.integer(windowKey, default: 4096, range: range) else { return nil }
      return SlidingWindowLayout(size: size, pattern: 2)
    case .gemma3Text:
      // NOTE: Newer Gemma 3 files also list `layer_types`; the importer relies on
      // `sliding_window_pattern`, which gives the same layout for the published models.
      let size = reader.integer(windowKey, default: 4096, range: range)
      let pattern = reader.integer(
        ["sliding_window_pattern"], default: 6, range: 1...maxLayers, example: 6)
      guard let size, let pattern else { return nil }
      return SlidingWindowLayout(size: size, pattern: pattern)
    default:
      return SlidingWindowLayout()
    }
  }

  /// Sets what the family's module structure fixes: norm kind and count, feed-forward shape,
  /// biases, residual wiring and learned positions, reading the family's flags for them.
  static func applyModuleStructure(
    _ reader: inout ModelConfigReader, to config: inout TransformerConfig
  ) {
    switch config.family {
    case .gpt2:
      config.norm = .layerNorm
      config.gatedFeedForward = false
      config.learnedPositions = config.maxPositions
      setBiases(&config, qkv: true, output: true, mlp: true)
    case .opt:
      config.norm = .layerNorm
      config.gatedFeedForward = false
      // OPT's learned positions are offset by 2, so its table has two extra rows.
      config.learnedPositions = config.maxPositions + 2
      let bias = reader.boolean("enable_bias", default: true)
      setBiases(&config, qkv: bias, output: bias, mlp: bias)
      // TODO: Post-norm OPT models (do_layer_norm_before false) get the pre-norm graph, which
      // has the same kernels but normalises before the residual adds instead of after them.
      config.finalNorm =
        reader.boolean("do_layer_norm_before", default: true)
        && !reader.boolean("_remove_final_layer_norm", default: false)
    case .gptNeoX:
      config.norm = .layerNorm
      config.gatedFeedForward = false
      config.parallelResidual = reader.boolean("use_parallel_residual", default: true)
      let bias = reader.boolean("attention_bias", default: true)
      setBiases(&config, qkv: bias, output: bias, mlp: true)
    case .phi:
      config.norm = .layerNorm
      config.normsPerLayer = 1
      config.gatedFeedForward = false
      config.parallelResidual = true
      config.qkNorm = reader.boolean("qk_layernorm", default: false)
      config.lmHeadBias = true
      setBiases(&config, qkv: true, output: true, mlp: true)
    case .llama:
      let bias = reader.boolean("attention_bias", default: false)
      let mlpBias = reader.boolean("mlp_bias", default: false)
      setBiases(&config, qkv: bias, output: bias, mlp: mlpBias)
    case .mistral:
      break
    case .qwen2:
      setBiases(&config, qkv: true, output: false, mlp: false)
    case .gemma, .gemma2, .gemma3Text:
      let bias = reader.boolean("attention_bias", default: false)
      setBiases(&config, qkv: bias, output: bias, mlp: false)
      config.normsPerLayer = config.family == .gemma ? 2 : 4
      config.qkNorm = config.family == .gemma3Text
    }
  }

  private static func setBiases(
    _ config: inout TransformerConfig, qkv: Bool, output: Bool, mlp: Bool
  ) {
    config.qkvBias = qkv
    config.attentionOutputBias = output
    config.mlpBias = mlp
  }
}
