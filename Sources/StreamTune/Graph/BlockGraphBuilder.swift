/// A block graph for the layers of one attention kind, with how many layers use it.
public struct LayerGraph: Sendable, Hashable {
  public var attention: AttentionKind
  /// Layers of the model whose block this graph describes.
  public var layerCount: Int
  public var graph: BlockGraph

  public init(attention: AttentionKind, layerCount: Int, graph: BlockGraph) {
    self.attention = attention
    self.layerCount = layerCount
    self.graph = graph
  }
}

/// Construction of the kernel graph of one transformer block from a model's architecture.
///
/// Kernel names, loop names and operand roles are shared with the cost model and the search
/// space, so they follow one scheme for every family:
///
/// - Projections are `.gemm` kernels with loops `m` (tokens x batch), `n` (output features) and
///   `k` (input features, the reduction), reading `X[m,k]` from the stream and `W[k,n]` (plus
///   a bias `[n]`) from external memory. GPT-2 and GPT-NeoX have one fused `qkv_proj`; the
///   other families have `q_proj`, `k_proj` and `v_proj`. Then come `o_proj` and either `fc1`
///   and `fc2` or the gated `gate_proj`, `up_proj` and `down_proj`.
/// - Norms are `norm1` (before attention), `norm2` (before the MLP) and, for Gemma 2 and 3,
///   `norm3` and `norm4` on the attention and MLP outputs. Their loops are `m` (parallel) and
///   `n` (the hidden size, a reduction). Gemma 3's `q_norm` and `k_norm` add a head loop `h`.
/// - Attention is `rope_q` and `rope_k` (when rotary), `attn_score`, `softmax` and
///   `attn_context`, with loops `h` (query heads), `m` (queries), `n` (keys) and `d` (head
///   dimension). Grouped-query heads read key-value head `h / (heads / keyValueHeads)`, so
///   their K and V operands have `keyValueHeads` rows on the dimension named `h`.
/// - The block input `x` comes from external memory and feeds both `norm1` and the residual
///   add, so the graph is reconvergent. Sequential blocks end in `residual1` and `residual2`;
///   parallel-residual blocks (GPT-NeoX, phi) end in one `residual` that sums `x`, the
///   attention output and the MLP output.
///
/// Element types: weights use the precision's weight type. Activations, probabilities and the
/// KV cache use its activation type. Attention scores, biases, norm parameters and logits use
/// its accumulator type. Operation counts are multiply-accumulates for projections and the two
/// attention products, and the product of the loop trip counts (one operation per element of
/// the loop nest) for the other kernels.
///
/// An edge's tensor is the name of the consumer's input operand. For a fused QKV projection
/// the consumers name the slice they read (`q`, `k` or `v`) of its `qkv` output.
public enum BlockGraphBuilder {
  /// Builds the kernel graph of one transformer block.
  ///
  /// Prefill attention computes the full S x S score matrix for every layer (causal and
  /// sliding-window masks do not reduce the modelled work). Decode attention reads
  /// min(c, window) keys on sliding-window layers and c keys on full layers: c - 1 (or
  /// window - 1) from the KV cache plus the new key from the stream. Models that mix both
  /// kinds (Gemma 2 and 3) need one graph per kind, weighted by `layerCount(of:)`, which is
  /// what `layerGraphs(_:precision:phase:batchSize:)` returns.
  ///
  /// - Parameters:
  ///   - config: The model architecture.
  ///   - precision: Element types of weights, activations and accumulators.
  ///   - phase: Prefill of S tokens or decode at context length c (both at least 1).
  ///   - batchSize: Sequences processed together (at least 1); with a batch of B, `m` counts
  ///     the queries of all sequences and the key dimension of K and V has B x n rows.
  ///   - attention: The attention kind of the layers to describe; `nil` takes the kind that
  ///     most layers use.
  /// - Returns: The kernels in topological order and the streams between them.
  public static func build(
    _ config: TransformerConfig, precision: Precision, phase: Phase, batchSize: Int = 1,
    attention: AttentionKind? = nil
  ) -> BlockGraph {
    let shape = BlockShape(
      config: config, precision: precision, phase: phase, batchSize: batchSize,
      attention: attention ?? config.attentionKinds.first ?? .full)
    var assembler = GraphAssembler()

    assembler.add(shape.norm("norm1", input: "x", output: "x_norm1"))
    addAttention(shape, to: &assembler)

    if config.parallelResidual {
      let feedForwardInput: String
      if config.normsPerLayer >= 2 {
        assembler.add(shape.norm("norm2", input: "x", output: "x_norm2"))
        feedForwardInput = "x_norm2"
      } else {
        feedForwardInput = "x_norm1"
      }
      addFeedForward(shape, input: feedForwardInput, to: &assembler)
      assembler.add(shape.residual("residual", inputs: ["x", "attn_out", "ffn_out"], output: "y"))
    } else {
      var attentionOutput = "attn_out"
      if config.postNorms {
        assembler.add(shape.norm("norm3", input: "attn_out", output: "attn_out_norm3"))
        attentionOutput = "attn_out_norm3"
      }
      assembler.add(shape.residual("residual1", inputs: ["x", attentionOutput], output: "x_attn"))
      assembler.add(shape.norm("norm2", input: "x_attn", output: "x_norm2"))
      addFeedForward(shape, input: "x_norm2", to: &assembler)

      var feedForwardOutput = "ffn_out"
      if config.postNorms {
        assembler.add(shape.norm("norm4", input: "ffn_out", output: "ffn_out_norm4"))
        feedForwardOutput = "ffn_out_norm4"
      }
      assembler.add(
        shape.residual("residual2", inputs: ["x_attn", feedForwardOutput], output: "y"))
    }

    return BlockGraph(phase: phase, kernels: assembler.kernels, edges: assembler.edges)
  }

  /// Builds one block graph per attention kind that the model uses, with its layer count.
  ///
  /// Summing a per-layer cost times `layerCount` over the result gives the cost of all layers.
  ///
  /// - Returns: The graphs, most frequent kind first; the layer counts add up to
  ///   `config.layers`.
  public static func layerGraphs(
    _ config: TransformerConfig, precision: Precision, phase: Phase, batchSize: Int = 1
  ) -> [LayerGraph] {
    config.attentionKinds.map { kind in
      LayerGraph(
        attention: kind, layerCount: config.layerCount(of: kind),
        graph: build(
          config, precision: precision, phase: phase, batchSize: batchSize, attention: kind))
    }
  }

  /// Adds the projections, optional Q/K norms and rotary embeddings, the attention kernels
  /// and the output projection, which writes `attn_out`.
  private static func addAttention(_ shape: BlockShape, to assembler: inout GraphAssembler) {
    let config = shape.config
    let queryWidth = config.attentionHeads * config.headDimension
    let keyValueWidth = config.keyValueHeads * config.headDimension

    if config.fusedQKV {
      let kernel = shape.gemm(
        "qkv_proj", input: "x_norm1", inputWidth: config.hiddenSize, output: "qkv",
        outputWidth: queryWidth + 2 * keyValueWidth, bias: config.qkvBias)
      assembler.add(kernel, aliases: ["q", "k", "v"])
    } else {
      for (name, output, width) in [
        ("q_proj", "q", queryWidth), ("k_proj", "k", keyValueWidth),
        ("v_proj", "v", keyValueWidth),
      ] {
        assembler.add(
          shape.gemm(
            name, input: "x_norm1", inputWidth: config.hiddenSize, output: output,
            outputWidth: width, bias: config.qkvBias))
      }
    }

    var query = "q"
    var key = "k"
    if config.qkNorm {
      assembler.add(shape.headNorm("q_norm", input: query, output: "q_normed", heads: .query))
      assembler.add(shape.headNorm("k_norm", input: key, output: "k_normed", heads: .keyValue))
      query = "q_normed"
      key = "k_normed"
    }
    if config.rotaryFraction > 0 {
      assembler.add(shape.rope("rope_q", input: query, output: "q_rope", heads: .query))
      assembler.add(shape.rope("rope_k", input: key, output: "k_rope", heads: .keyValue))
      query = "q_rope"
      key = "k_rope"
    }

    assembler.add(shape.attentionScore(query: query, key: key))
    assembler.add(shape.softmax())
    assembler.add(shape.attentionContext(value: "v"))
    assembler.add(
      shape.gemm(
        "o_proj", input: "context", inputWidth: queryWidth, output: "attn_out",
        outputWidth: config.hiddenSize, bias: config.attentionOutputBias))
  }

  /// Adds the feed-forward network, which reads `input` and writes `ffn_out`.
  private static func addFeedForward(
    _ shape: BlockShape, input: String, to assembler: inout GraphAssembler
  ) {
    let config = shape.config
    let hidden = config.hiddenSize
    let intermediate = config.intermediateSize

    if config.gatedFeedForward {
      assembler.add(
        shape.gemm(
          "gate_proj", input: input, inputWidth: hidden, output: "gate",
          outputWidth: intermediate, bias: config.mlpBias))
      assembler.add(
        shape.gemm(
          "up_proj", input: input, inputWidth: hidden, output: "up", outputWidth: intermediate,
          bias: config.mlpBias))
      assembler.add(shape.gatedActivation())
      assembler.add(
        shape.gemm(
          "down_proj", input: "ffn_act", inputWidth: intermediate, output: "ffn_out",
          outputWidth: hidden, bias: config.mlpBias))
    } else {
      assembler.add(
        shape.gemm(
          "fc1", input: input, inputWidth: hidden, output: "ffn_up", outputWidth: intermediate,
          bias: config.mlpBias))
      assembler.add(shape.activation())
      assembler.add(
        shape.gemm(
          "fc2", input: "ffn_act", inputWidth: intermediate, output: "ffn_out",
          outputWidth: hidden, bias: config.mlpBias))
    }
  }
}

/// Collects kernels and connects each streamed input to the kernel that produced it.
struct GraphAssembler {
  private(set) var kernels: [Kernel] = []
  private(set) var edges: [Edge] = []
  private var producers: [String: Int] = [:]

  /// Appends a kernel, adding one edge per activation input that an earlier kernel produced.
  ///
  /// - Parameter aliases: Other names under which consumers read the kernel's output (the
  ///   slices of a fused projection).
  mutating func add(_ kernel: Kernel, aliases: [String] = []) {
    let index = kernels.count
    for input in kernel.inputs where input.role == .activation {
      if let producer = producers[input.name] {
        edges.append(Edge(producer: producer, consumer: index, tensor: input.name))
      } else {
        precondition(input.name == "x", "\(kernel.name) reads \(input.name), which nothing wrote")
      }
    }
    producers[kernel.output.name] = index
    for alias in aliases { producers[alias] = index }
    kernels.append(kernel)
  }
}
