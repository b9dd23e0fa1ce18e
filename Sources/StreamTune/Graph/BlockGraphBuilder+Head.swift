extension BlockGraphBuilder {
  /// Builds the LM head: logits for the last position of each sequence.
  ///
  /// Only the last position's logits are needed to pick the next token, so prefill and decode
  /// both compute one row per sequence. A tied head reads the embedding matrix.
  ///
  /// - Parameters:
  ///   - config: The model architecture.
  ///   - precision: Element types; logits are in the accumulator type.
  ///   - batchSize: Sequences processed together (at least 1).
  /// - Returns: An `.lmHead` kernel with loops `m` (sequences), `n` (vocabulary) and `k`
  ///   (embedding width, the reduction), reading `x_final[m,k]` and `w_lm_head[k,n]`.
  public static func lmHead(
    _ config: TransformerConfig, precision: Precision, batchSize: Int = 1
  ) -> Kernel {
    precondition(batchSize >= 1, "batch size must be at least 1")
    let rows = batchSize
    let width = config.wordEmbeddingDimension
    let vocabulary = config.vocabularySize

    var inputs = [
      Operand(
        name: "x_final", role: .activation, elementType: precision.activationType,
        dimensions: ["m", "k"], shape: [rows, width]),
      Operand(
        name: "w_lm_head", role: .weight, elementType: precision.weightType,
        dimensions: ["k", "n"], shape: [width, vocabulary]),
    ]
    if config.lmHeadBias {
      inputs.append(
        Operand(
          name: "b_lm_head", role: .weight, elementType: precision.accumulatorType,
          dimensions: ["n"], shape: [vocabulary]))
    }
    let output = Operand(
      name: "logits", role: .activation, elementType: precision.accumulatorType,
      dimensions: ["m", "n"], shape: [rows, vocabulary])

    return Kernel(
      name: "lm_head", operation: .lmHead,
      loops: [Loop("m", rows), Loop("n", vocabulary), Loop("k", width, .reduction)],
      inputs: inputs, output: output, operations: rows * vocabulary * width,
      isMultiplyAccumulate: true)
  }

  /// Builds the norm after the last block, which feeds the LM head, or returns `nil` when the
  /// model has none.
  ///
  /// - Returns: A `norm_final` kernel over one row per sequence, reading `y` and writing
  ///   `x_final`.
  public static func finalNorm(
    _ config: TransformerConfig, precision: Precision, batchSize: Int = 1
  ) -> Kernel? {
    guard config.finalNorm else { return nil }
    let shape = BlockShape(
      config: config, precision: precision, phase: .decode(context: 1), batchSize: batchSize,
      attention: .full)
    return shape.norm("norm_final", input: "y", output: "x_final")
  }

  /// Builds the embedding lookup of the tokens of one invocation.
  ///
  /// The table operands have the shape of the rows gathered (`[m, n]`), not of the whole
  /// table, so `weightBytes` counts what one invocation reads. Models with learned positions
  /// also gather and add a position row per token.
  ///
  /// - Parameters:
  ///   - config: The model architecture.
  ///   - precision: Element types; token ids are 32-bit integers.
  ///   - phase: Prefill of S tokens (S rows per sequence) or decode (one row per sequence).
  ///   - batchSize: Sequences processed together (at least 1).
  /// - Returns: An `.embedding` kernel with loops `m` (tokens x batch) and `n` (embedding
  ///   width), writing the block input `x`.
  public static func embedding(
    _ config: TransformerConfig, precision: Precision, phase: Phase, batchSize: Int = 1
  ) -> Kernel {
    precondition(batchSize >= 1, "batch size must be at least 1")
    let tokens: Int
    switch phase {
    case .prefill(let count): tokens = count
    case .decode: tokens = 1
    }
    let rows = tokens * batchSize
    // TODO: OPT models with a word_embed_proj_dim below the hidden size also need their
    // project_in GEMM, which is not modelled; the lookup reads rows of the smaller width.
    let width = config.wordEmbeddingDimension

    var inputs = [
      Operand(
        name: "token_ids", role: .activation, elementType: .int(bits: 32), dimensions: ["m"],
        shape: [rows]),
      Operand(
        name: "w_embedding", role: .weight, elementType: precision.weightType,
        dimensions: ["m", "n"], shape: [rows, width]),
    ]
    if config.learnedPositions > 0 {
      inputs.append(
        Operand(
          name: "w_position", role: .weight, elementType: precision.weightType,
          dimensions: ["m", "n"], shape: [rows, width]))
    }
    let output = Operand(
      name: "x", role: .activation, elementType: precision.activationType,
      dimensions: ["m", "n"], shape: [rows, width])

    return Kernel(
      name: "embedding", operation: .embedding, loops: [Loop("m", rows), Loop("n", width)],
      inputs: inputs, output: output, operations: rows * width, isMultiplyAccumulate: false)
  }
}
