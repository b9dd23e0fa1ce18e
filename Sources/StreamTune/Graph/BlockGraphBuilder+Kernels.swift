/// The sizes of one block invocation, and factories for its kernels.
struct BlockShape {
  /// The heads a per-head kernel covers.
  enum Heads {
    case query
    case keyValue
  }

  let config: TransformerConfig
  let precision: Precision
  /// Tokens of all sequences in this invocation: S x batch in prefill, batch in decode.
  let rows: Int
  let batchSize: Int
  /// Keys each query attends to.
  let keys: Int
  /// Keys per sequence read from the KV cache (0 in prefill, where K and V are streamed).
  let cachedKeys: Int
  /// Whether the block decodes one token per sequence against the KV cache.
  let decoding: Bool

  init(
    config: TransformerConfig, precision: Precision, phase: Phase, batchSize: Int,
    attention: AttentionKind
  ) {
    precondition(batchSize >= 1, "batch size must be at least 1")
    self.config = config
    self.precision = precision
    self.batchSize = batchSize

    switch phase {
    case .prefill(let tokens):
      precondition(tokens >= 1, "prefill needs at least one token")
      rows = tokens * batchSize
      keys = tokens
      cachedKeys = 0
      decoding = false
    case .decode(let context):
      precondition(context >= 1, "decode context must be at least 1")
      rows = batchSize
      let window = attention == .slidingWindow ? config.slidingWindow ?? context : context
      keys = min(context, window)
      cachedKeys = keys - 1
      decoding = true
    }
  }

  var activationType: ElementType { precision.activationType }
  var accumulatorType: ElementType { precision.accumulatorType }

  private func headCount(_ heads: Heads) -> Int {
    heads == .query ? config.attentionHeads : config.keyValueHeads
  }

  /// Makes a stream operand of the block's activation type.
  private func stream(_ name: String, _ dimensions: [String], _ shape: [Int]) -> Operand {
    Operand(
      name: name, role: .activation, elementType: activationType, dimensions: dimensions,
      shape: shape)
  }

  /// Makes a per-feature parameter vector (bias or norm scale) in the accumulator type.
  private func parameter(_ name: String, dimension: String, width: Int) -> Operand {
    Operand(
      name: name, role: .weight, elementType: accumulatorType, dimensions: [dimension],
      shape: [width])
  }

  /// Makes a projection `Y[m,n] = X[m,k] W[k,n] (+ b[n])`.
  func gemm(
    _ name: String, input: String, inputWidth: Int, output: String, outputWidth: Int,
    bias: Bool
  ) -> Kernel {
    var inputs = [
      stream(input, ["m", "k"], [rows, inputWidth]),
      Operand(
        name: "w_\(name)", role: .weight, elementType: precision.weightType,
        dimensions: ["k", "n"], shape: [inputWidth, outputWidth]),
    ]
    if bias { inputs.append(parameter("b_\(name)", dimension: "n", width: outputWidth)) }
    return Kernel(
      name: name, operation: .gemm,
      loops: [Loop("m", rows), Loop("n", outputWidth), Loop("k", inputWidth, .reduction)],
      inputs: inputs, output: stream(output, ["m", "n"], [rows, outputWidth]),
      operations: rows * outputWidth * inputWidth, isMultiplyAccumulate: true)
  }

  /// Makes a norm over the hidden size, with a bias for LayerNorm.
  func norm(_ name: String, input: String, output: String) -> Kernel {
    let width = config.hiddenSize
    var inputs = [
      stream(input, ["m", "n"], [rows, width]),
      parameter("g_\(name)", dimension: "n", width: width),
    ]
    if config.norm == .layerNorm {
      inputs.append(parameter("b_\(name)", dimension: "n", width: width))
    }
    return Kernel(
      name: name, operation: config.norm == .layerNorm ? .layerNorm : .rmsNorm,
      loops: [Loop("m", rows), Loop("n", width, .reduction)],
      inputs: inputs, output: stream(output, ["m", "n"], [rows, width]),
      operations: rows * width, isMultiplyAccumulate: false)
  }

  /// Makes a norm of each head's vector over the head dimension (Q/K norms).
  func headNorm(_ name: String, input: String, output: String, heads: Heads) -> Kernel {
    let count = headCount(heads)
    let width = config.headDimension
    var inputs = [
      stream(input, ["m", "h", "n"], [rows, count, width]),
      parameter("g_\(name)", dimension: "n", width: width),
    ]
    if config.norm == .layerNorm {
      inputs.append(parameter("b_\(name)", dimension: "n", width: width))
    }
    return Kernel(
      name: name, operation: config.norm == .layerNorm ? .layerNorm : .rmsNorm,
      loops: [Loop("h", count), Loop("m", rows), Loop("n", width, .reduction)],
      inputs: inputs, output: stream(output, ["m", "h", "n"], [rows, count, width]),
      operations: count * rows * width, isMultiplyAccumulate: false)
  }

  /// Rotary embedding of queries or keys: the first `rotaryDimension` elements of each head
  /// are rotated and the rest pass through, so `d` spans the whole head.
  func rope(_ name: String, input: String, output: String, heads: Heads) -> Kernel {
    let count = headCount(heads)
    let width = config.headDimension
    return Kernel(
      name: name, operation: .rope,
      loops: [Loop("h", count), Loop("m", rows), Loop("d", width)],
      inputs: [stream(input, ["m", "h", "d"], [rows, count, width])],
      output: stream(output, ["m", "h", "d"], [rows, count, width]),
      operations: count * rows * width, isMultiplyAccumulate: false)
  }

  /// Makes the key or value operands of an attention kernel. Prefill streams them all, and
  /// decode reads the cached ones from external memory plus the new one from the stream.
  private func keyValueOperands(_ name: String, cache: String) -> [Operand] {
    let heads = config.keyValueHeads
    let width = config.headDimension
    guard decoding else {
      return [stream(name, ["n", "h", "d"], [batchSize * keys, heads, width])]
    }

    var operands: [Operand] = []
    if cachedKeys > 0 {
      operands.append(
        Operand(
          name: cache, role: .kvCache, elementType: activationType,
          dimensions: ["n", "h", "d"], shape: [batchSize * cachedKeys, heads, width]))
    }
    operands.append(stream(name, ["m", "h", "d"], [rows, heads, width]))
    return operands
  }

  /// `attn_score`: scores[h,m,n] = sum over d of Q[m,h,d] K[n,h/g,d].
  func attentionScore(query: String, key: String) -> Kernel {
    let heads = config.attentionHeads
    let width = config.headDimension
    return Kernel(
      name: "attn_score", operation: .attentionScore,
      loops: [Loop("h", heads), Loop("m", rows), Loop("n", keys), Loop("d", width, .reduction)],
      inputs: [stream(query, ["m", "h", "d"], [rows, heads, width])]
        + keyValueOperands(key, cache: "k_cache"),
      output: Operand(
        name: "scores", role: .activation, elementType: accumulatorType,
        dimensions: ["h", "m", "n"], shape: [heads, rows, keys]),
      operations: heads * rows * keys * width, isMultiplyAccumulate: true)
  }

  /// `softmax` over the keys of each query and head.
  func softmax() -> Kernel {
    let heads = config.attentionHeads
    return Kernel(
      name: "softmax", operation: .softmax,
      loops: [Loop("h", heads), Loop("m", rows), Loop("n", keys, .reduction)],
      inputs: [
        Operand(
          name: "scores", role: .activation, elementType: accumulatorType,
          dimensions: ["h", "m", "n"], shape: [heads, rows, keys])
      ],
      output: stream("probabilities", ["h", "m", "n"], [heads, rows, keys]),
      operations: heads * rows * keys, isMultiplyAccumulate: false)
  }

  /// `attn_context`: context[m,h,d] = sum over n of P[h,m,n] V[n,h/g,d].
  func attentionContext(value: String) -> Kernel {
    let heads = config.attentionHeads
    let width = config.headDimension
    return Kernel(
      name: "attn_context", operation: .attentionContext,
      loops: [Loop("h", heads), Loop("m", rows), Loop("d", width), Loop("n", keys, .reduction)],
      inputs: [stream("probabilities", ["h", "m", "n"], [heads, rows, keys])]
        + keyValueOperands(value, cache: "v_cache"),
      output: stream("context", ["m", "h", "d"], [rows, heads, width]),
      operations: heads * rows * keys * width, isMultiplyAccumulate: true)
  }

  /// `act`: the elementwise activation of `fc1`'s output.
  func activation() -> Kernel {
    let width = config.intermediateSize
    return Kernel(
      name: "act", operation: .activation, loops: [Loop("m", rows), Loop("n", width)],
      inputs: [stream("ffn_up", ["m", "n"], [rows, width])],
      output: stream("ffn_act", ["m", "n"], [rows, width]),
      operations: rows * width, isMultiplyAccumulate: false)
  }

  /// `act_mul`: the activation of the gate times the up projection.
  func gatedActivation() -> Kernel {
    let width = config.intermediateSize
    return Kernel(
      name: "act_mul", operation: .gatedActivation, loops: [Loop("m", rows), Loop("n", width)],
      inputs: [
        stream("gate", ["m", "n"], [rows, width]), stream("up", ["m", "n"], [rows, width]),
      ],
      output: stream("ffn_act", ["m", "n"], [rows, width]),
      operations: rows * width, isMultiplyAccumulate: false)
  }

  /// Makes a residual add of two or three hidden-size streams.
  func residual(_ name: String, inputs: [String], output: String) -> Kernel {
    let width = config.hiddenSize
    return Kernel(
      name: name, operation: .residualAdd, loops: [Loop("m", rows), Loop("n", width)],
      inputs: inputs.map { stream($0, ["m", "n"], [rows, width]) },
      output: stream(output, ["m", "n"], [rows, width]),
      operations: rows * width, isMultiplyAccumulate: false)
  }
}
