extension ModelImporter {
  /// Upper limits that keep every size product (parameter and operation counts) inside `Int`.
  static let maxHiddenSize = 1 << 20
  static let maxIntermediateSize = 1 << 22
  static let maxLayers = 10_000
  static let maxHeads = 4_096
  static let maxHeadDimension = 4_096
  static let maxPositions = 100_000_000

  /// Activation names accepted in `hidden_act`, `activation_function` or `hidden_activation`.
  static let activationNames: [String: ActivationFunction] = [
    "gelu": .gelu, "gelu_python": .gelu, "gelu_new": .geluTanh, "gelu_pytorch_tanh": .geluTanh,
    "gelu_fast": .geluTanh, "gelu_accurate": .geluTanh, "relu": .relu, "silu": .silu,
    "swish": .silu,
  ]

  /// Reads the architecture fields of a supported family.
  ///
  /// - Returns: The config, or `nil` when a required field is missing or invalid (with the
  ///   problems recorded in `reader`).
  static func readArchitecture(
    _ reader: inout ModelConfigReader, family: ModelFamily, name: String
  ) -> TransformerConfig? {
    let names = FieldNames(family)

    let hidden = reader.integer(names.hidden, range: 1...maxHiddenSize, example: 2048)
    let layers = reader.integer(names.layers, range: 1...maxLayers, example: 24)
    let heads = reader.integer(names.heads, range: 1...maxHeads, example: 32)
    let vocabulary = reader.integer(
      ["vocab_size"], range: 1...maxVocabularySize, example: 32000)
    let intermediate: Int?
    if family == .gpt2 && reader.member(names.intermediate) == nil {
      intermediate = hidden.map { 4 * $0 }  // GPT-2's n_inner is null or absent: 4 x n_embd.
    } else {
      intermediate = reader.integer(
        names.intermediate, range: 1...maxIntermediateSize, example: 4 * (hidden ?? 2048))
    }
    let positions = reader.integer(
      names.positions, default: names.defaultPositions, range: 1...maxPositions, example: 2048)
    let headDimension = readHeadDimension(
      &reader, names: names, hidden: hidden, heads: heads)
    let keyValueHeads = readKeyValueHeads(&reader, names: names, heads: heads)

    let activationName = reader.string(names.activation, default: names.defaultActivation)
    let activation = activationName.flatMap { readActivation(&reader, $0, keys: names.activation) }
    let tied = reader.boolean("tie_word_embeddings", default: names.defaultTied)
    let rotary =
      names.rotary.isEmpty
      ? 0
      : reader.fraction(names.rotary, default: names.defaultRotary, above: 0, atMost: 1)
    let wordDimension =
      family == .opt
      ? reader.integer(
        ["word_embed_proj_dim"], default: hidden, range: 1...maxHiddenSize, example: 768)
      : hidden
    let window = readSlidingWindow(&reader, family: family, layers: layers)

    guard let hidden, let layers, let heads, let vocabulary, let intermediate, let positions,
      let headDimension, let keyValueHeads, let activation, let rotary, let wordDimension,
      let window
    else { return nil }

    var config = TransformerConfig(
      name: name, family: family, hiddenSize: hidden, intermediateSize: intermediate,
      layers: layers, attentionHeads: heads, keyValueHeads: keyValueHeads,
      headDimension: headDimension, vocabularySize: vocabulary, maxPositions: positions,
      tiedEmbeddings: tied, norm: .rmsNorm, normsPerLayer: 2, qkNorm: false,
      activation: activation, gatedFeedForward: true, rotaryFraction: rotary,
      learnedPositions: 0, parallelResidual: false, qkvBias: false, attentionOutputBias: false,
      mlpBias: false, wordEmbeddingDimension: wordDimension, slidingWindow: window.size,
      slidingWindowPattern: window.pattern, slidingWindowStartLayer: window.startLayer)
    applyModuleStructure(&reader, to: &config)
    return config
  }

  /// Reads `head_dim` where the family allows it, else derives it from hidden size and heads.
  static func readHeadDimension(
    _ reader: inout ModelConfigReader, names: FieldNames, hidden: Int?, heads: Int?
  ) -> Int? {
    if names.allowsHeadDimension, reader.member(["head_dim"]) != nil {
      return reader.integer(["head_dim"], range: 1...maxHeadDimension, example: 128)
    }
    if let fixed = names.defaultHeadDimension { return fixed }
    guard let hidden, let heads else { return nil }
    guard hidden % heads == 0 else {
      let hiddenKey = reader.member(names.hidden)?.key ?? names.hidden[0]
      let headsKey = reader.member(names.heads)?.key ?? names.heads[0]
      let fix =
        names.allowsHeadDimension
        ? "set head_dim or use a multiple of \(heads)" : "use a multiple of \(heads)"
      reader.report(
        hiddenKey,
        "\(hidden) is not divisible by \(headsKey) \(heads) and no head_dim is given; \(fix)",
        at: reader.member(names.hidden)?.node)
      return nil
    }
    guard hidden / heads <= maxHeadDimension else {
      reader.report(
        names.hidden[0],
        "\(hidden) gives \(hidden / heads) elements per head, above the supported "
          + "\(maxHeadDimension); use more attention heads")
      return nil
    }
    return hidden / heads
  }

  /// Reads `num_key_value_heads` (grouped-query attention) and checks that it divides the
  /// query heads; families without the field use one key-value head per query head.
  static func readKeyValueHeads(
    _ reader: inout ModelConfigReader, names: FieldNames, heads: Int?
  ) -> Int? {
    guard names.allowsKeyValueHeads else { return heads }
    guard let (_, node) = reader.member(["num_key_value_heads"]) else { return heads }
    guard
      let keyValueHeads = reader.integer(
        ["num_key_value_heads"], range: 1...maxHeads, example: 8)
    else { return nil }
    guard let heads else { return keyValueHeads }
    guard heads % keyValueHeads == 0 else {
      let divisors = (1...heads).filter { heads % $0 == 0 }.map(String.init)
      reader.report(
        "num_key_value_heads",
        "\(keyValueHeads) does not divide num_attention_heads \(heads); use one of "
          + divisors.joined(separator: ", "), at: node)
      return nil
    }
    return keyValueHeads
  }

  /// Maps an activation name to its function, reporting unknown names.
  static func readActivation(
    _ reader: inout ModelConfigReader, _ name: String, keys: [String]
  ) -> ActivationFunction? {
    if let activation = activationNames[name] { return activation }
    let known = activationNames.keys.sorted()
    let key = reader.member(keys)?.key ?? keys[0]
    reader.report(
      key,
      "\"\(name)\" is not a supported activation; supported: \(known.joined(separator: ", "))"
        + DidYouMean.hint(for: name, among: known), at: reader.member(keys)?.node)
    return nil
  }
}
