import StreamTune
import Testing

@Suite("Block graph construction")
struct BlockGraphBuilderTests {
  private func load(_ fileName: String) throws -> TransformerConfig {
    try ModelImporter.load(path: ModelFixtures.model(fileName))
  }

  private func kernel(_ graph: BlockGraph, _ name: String) throws -> Kernel {
    try #require(graph.kernels.first { $0.name == name }, "no kernel \(name)")
  }

  private func loops(_ kernel: Kernel) -> [String] {
    kernel.loops.map { "\($0.name)\($0.tripCount)\($0.kind == .reduction ? "r" : "")" }
  }

  /// Pairs of producer and consumer names with the tensor, for readable edge checks.
  private func edgeNames(_ graph: BlockGraph) -> Set<String> {
    Set(
      graph.edges.map {
        "\(graph.kernels[$0.producer].name)->\(graph.kernels[$0.consumer].name):\($0.tensor)"
      })
  }

  @Test("GPT-2 prefill kernels and loops")
  func gpt2Prefill() throws {
    let config = try load("gpt2-medium.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 32))
    #expect(
      graph.kernels.map(\.name) == [
        "norm1", "qkv_proj", "attn_score", "softmax", "attn_context", "o_proj", "residual1",
        "norm2", "fc1", "act", "fc2", "residual2",
      ])
    #expect(loops(try kernel(graph, "qkv_proj")) == ["m32", "n3072", "k1024r"])
    #expect(loops(try kernel(graph, "attn_score")) == ["h16", "m32", "n32", "d64r"])
    #expect(loops(try kernel(graph, "softmax")) == ["h16", "m32", "n32r"])
    #expect(loops(try kernel(graph, "attn_context")) == ["h16", "m32", "d64", "n32r"])
    #expect(loops(try kernel(graph, "o_proj")) == ["m32", "n1024", "k1024r"])
    #expect(loops(try kernel(graph, "fc1")) == ["m32", "n4096", "k1024r"])
    #expect(loops(try kernel(graph, "fc2")) == ["m32", "n1024", "k4096r"])
    #expect(loops(try kernel(graph, "norm1")) == ["m32", "n1024r"])
    #expect(loops(try kernel(graph, "act")) == ["m32", "n4096"])
    #expect(loops(try kernel(graph, "residual2")) == ["m32", "n1024"])
    #expect(try kernel(graph, "norm1").operation == .layerNorm)
    #expect(
      try kernel(graph, "qkv_proj").inputs.map(\.name) == ["x_norm1", "w_qkv_proj", "b_qkv_proj"])
  }

  @Test("GPT-2 fused QKV feeds both attention products")
  func gpt2AttentionForks() throws {
    let config = try load("gpt2-medium.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 8))
    let edges = edgeNames(graph)
    #expect(edges.contains("qkv_proj->attn_score:q"))
    #expect(edges.contains("qkv_proj->attn_score:k"))
    #expect(edges.contains("qkv_proj->attn_context:v"))
    #expect(edges.contains("softmax->attn_context:probabilities"))
  }

  @Test("Llama prefill kernels and loops")
  func llamaPrefill() throws {
    let config = try load("Llama-3.2-1B.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 16))
    #expect(
      graph.kernels.map(\.name) == [
        "norm1", "q_proj", "k_proj", "v_proj", "rope_q", "rope_k", "attn_score", "softmax",
        "attn_context", "o_proj", "residual1", "norm2", "gate_proj", "up_proj", "act_mul",
        "down_proj", "residual2",
      ])
    #expect(loops(try kernel(graph, "k_proj")) == ["m16", "n512", "k2048r"])
    #expect(loops(try kernel(graph, "rope_k")) == ["h8", "m16", "d64"])
    #expect(loops(try kernel(graph, "rope_q")) == ["h32", "m16", "d64"])
    #expect(loops(try kernel(graph, "attn_score")) == ["h32", "m16", "n16", "d64r"])
    #expect(loops(try kernel(graph, "down_proj")) == ["m16", "n2048", "k8192r"])
    #expect(try kernel(graph, "norm1").operation == .rmsNorm)
    #expect(try kernel(graph, "norm1").weightBytes == 2048 * 4)

    // Grouped-query attention: 8 key-value heads on the dimension the head loop selects.
    let key = try #require(try kernel(graph, "attn_score").inputs.first { $0.name == "k_rope" })
    #expect(key.dimensions == ["n", "h", "d"])
    #expect(key.shape == [16, 8, 64])
    #expect(key.role == .activation)
  }

  @Test("Llama decode reads the KV cache")
  func llamaDecode() throws {
    let config = try load("Llama-3.2-1B.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .decode(context: 100))
    let score = try kernel(graph, "attn_score")
    #expect(loops(score) == ["h32", "m1", "n100", "d64r"])
    #expect(score.inputs.map(\.name) == ["q_rope", "k_cache", "k_rope"])
    #expect(score.inputs.map(\.role) == [.activation, .kvCache, .activation])
    #expect(score.inputs[1].shape == [99, 8, 64])
    #expect(score.inputs[2].dimensions == ["m", "h", "d"])
    let context = try kernel(graph, "attn_context")
    #expect(context.inputs.map(\.name) == ["probabilities", "v_cache", "v"])
    #expect(loops(try kernel(graph, "q_proj")) == ["m1", "n2048", "k2048r"])
    // int8 cache: 99 keys x 8 heads x 64 elements, for K and for V.
    #expect(graph.kvCacheBytes == 2 * 99 * 8 * 64)
  }

  @Test("decode batch multiplies rows and cache")
  func decodeBatch() throws {
    let config = try load("TinyLlama-1.1B-Chat-v1.0.json")
    let graph = BlockGraphBuilder.build(
      config, precision: .w4a8, phase: .decode(context: 10), batchSize: 4)
    let score = try kernel(graph, "attn_score")
    #expect(loops(score) == ["h32", "m4", "n10", "d64r"])
    #expect(score.inputs[1].shape == [4 * 9, 4, 64])
    #expect(loops(try kernel(graph, "gate_proj")) == ["m4", "n5632", "k2048r"])
  }

  @Test("first decode step has no cache operand")
  func firstDecodeStep() throws {
    let config = try load("TinyLlama-1.1B-Chat-v1.0.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .decode(context: 1))
    #expect(try kernel(graph, "attn_score").inputs.map(\.name) == ["q_rope", "k_rope"])
    #expect(graph.kvCacheBytes == 0)
  }

  @Test(
    "Mistral decode window caps keys",
    arguments: [(100, 100), (4096, 4096), (10_000, 4096)])
  func mistralWindow(context: Int, keys: Int) throws {
    let config = try load("Mistral-7B-v0.1.json")
    let graph = BlockGraphBuilder.build(
      config, precision: .w4a8, phase: .decode(context: context))
    #expect(try kernel(graph, "attn_score").loop(named: "n")?.tripCount == keys)
    #expect(try kernel(graph, "attn_context").loop(named: "n")?.tripCount == keys)
  }

  @Test("residual and attention paths reconverge")
  func reconvergentEdges() throws {
    let config = try load("TinyLlama-1.1B-Chat-v1.0.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 4))
    let norm1 = try #require(graph.index(of: "norm1"))
    let residual1 = try #require(graph.index(of: "residual1"))
    #expect(graph.externalInputs(of: norm1) == ["x"])
    #expect(graph.externalInputs(of: residual1) == ["x"])

    let edges = edgeNames(graph)
    #expect(edges.contains("o_proj->residual1:attn_out"))
    #expect(edges.contains("residual1->norm2:x_attn"))
    #expect(edges.contains("residual1->residual2:x_attn"))
    #expect(edges.contains("down_proj->residual2:ffn_out"))
    for projection in ["q_proj", "k_proj", "v_proj"] {
      #expect(edges.contains("norm1->\(projection):x_norm1"))
    }
    #expect(edges.contains("rope_q->attn_score:q_rope"))
    #expect(edges.contains("rope_k->attn_score:k_rope"))
    #expect(edges.contains("v_proj->attn_context:v"))
    #expect(edges.contains("gate_proj->act_mul:gate"))
    #expect(edges.contains("up_proj->act_mul:up"))
  }

  @Test(
    "edges follow topological order",
    arguments: [
      "gpt2-medium.json", "opt-125m.json", "pythia-160m.json", "phi-2.json",
      "TinyLlama-1.1B-Chat-v1.0.json", "Llama-3.2-1B.json", "Mistral-7B-v0.1.json",
      "Qwen2.5-0.5B.json", "gemma-3-1b-it.json",
    ])
  func topologicalOrder(fileName: String) throws {
    let config = try load(fileName)
    for phase in [Phase.prefill(tokens: 8), .decode(context: 50)] {
      let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: phase)
      #expect(graph.edges.allSatisfy { $0.producer < $0.consumer })
      #expect(Set(graph.kernels.map(\.name)).count == graph.kernels.count)
      // Only kernels that read nothing but the block input lack a producer.
      let consumers = Set(graph.edges.map(\.consumer))
      for index in graph.kernels.indices where !consumers.contains(index) {
        #expect(graph.externalInputs(of: index) == ["x"])
      }
      #expect(graph.kernels.last?.output.name == "y")
      // Projection MACs equal the block's projection weights times the rows.
      let gemmMACs = graph.kernels.filter { $0.operation == .gemm }.reduce(0) {
        $0 + $1.operations
      }
      let rows = phase == .prefill(tokens: 8) ? 8 : 1
      #expect(gemmMACs == rows * config.layerGEMMWeightCount)
    }
  }

  @Test("GPT-2 medium prefill MACs by hand")
  func gpt2MediumMACs() throws {
    let config = try load("gpt2-medium.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 32))
    // Projections per token: 1024 x 3072 + 1024 x 1024 + 2 x 1024 x 4096 = 12,582,912.
    let projectionMACs = 32 * 12_582_912
    // QK^T and PV: 32 x 32 keys x 16 heads x 64, twice.
    let attentionMACs = 2 * 32 * 32 * 16 * 64
    #expect(graph.multiplyAccumulates == projectionMACs + attentionMACs)
    #expect(graph.multiplyAccumulates == 404_750_336)
  }

  @Test("GPT-2 medium W4A8 weight bytes")
  func gpt2MediumWeightBytes() throws {
    let config = try load("gpt2-medium.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .decode(context: 8))
    // 4-bit projection weights, int32 biases (9,216) and LayerNorm scales and biases (4,096).
    #expect(graph.weightBytes == 12_582_912 / 2 + 9_216 * 4 + 4_096 * 4)
    #expect(graph.kvCacheBytes == 2 * 7 * 16 * 64)
  }

  @Test("Pythia parallel residual sums three streams")
  func neoxParallelResidual() throws {
    let config = try load("pythia-160m.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 4))
    let names = graph.kernels.map(\.name)
    #expect(names.contains("qkv_proj"))
    #expect(!names.contains("residual1"))
    #expect(try kernel(graph, "residual").inputs.map(\.name) == ["x", "attn_out", "ffn_out"])
    #expect(try kernel(graph, "norm2").inputs.first?.name == "x")
    // Partial rotary: the kernel passes the whole head through.
    #expect(loops(try kernel(graph, "rope_q")) == ["h12", "m4", "d64"])
    let norm2 = try #require(graph.index(of: "norm2"))
    #expect(graph.externalInputs(of: norm2) == ["x"])
  }

  @Test("phi one norm feeds attention and MLP")
  func phiSharedNorm() throws {
    let config = try load("phi-2.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 4))
    #expect(!graph.kernels.map(\.name).contains("norm2"))
    #expect(try kernel(graph, "fc1").inputs.first?.name == "x_norm1")
    #expect(edgeNames(graph).contains("norm1->fc1:x_norm1"))
    #expect(try kernel(graph, "residual").inputs.count == 3)
  }

  @Test("Gemma 3 local and global layers")
  func gemma3Layers() throws {
    let config = try load("gemma-3-1b-it.json")
    let groups = BlockGraphBuilder.layerGraphs(
      config, precision: .w4a8, phase: .decode(context: 2000))
    #expect(groups.map(\.attention) == [.slidingWindow, .full])
    #expect(groups.map(\.layerCount) == [22, 4])
    let local = try kernel(groups[0].graph, "attn_score")
    let global = try kernel(groups[1].graph, "attn_score")
    #expect(loops(local) == ["h4", "m1", "n512", "d256r"])
    #expect(loops(global) == ["h4", "m1", "n2000", "d256r"])
    #expect(local.inputs[1].shape == [511, 1, 256])

    let names = groups[0].graph.kernels.map(\.name)
    for name in ["norm1", "norm2", "norm3", "norm4", "q_norm", "k_norm", "act_mul"] {
      #expect(names.contains(name))
    }
    #expect(loops(try kernel(groups[0].graph, "q_norm")) == ["h4", "m1", "n256r"])
    let edges = edgeNames(groups[0].graph)
    #expect(edges.contains("o_proj->norm3:attn_out"))
    #expect(edges.contains("norm3->residual1:attn_out_norm3"))
    #expect(edges.contains("norm4->residual2:ffn_out_norm4"))
    #expect(edges.contains("q_norm->rope_q:q_normed"))
  }

  @Test("default attention kind is the majority")
  func defaultAttentionKind() throws {
    let config = try load("gemma-3-1b-it.json")
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .decode(context: 2000))
    #expect(try kernel(graph, "attn_score").loop(named: "n")?.tripCount == 512)
  }

  @Test("LM head, final norm and embedding")
  func headAndEmbedding() throws {
    let config = try load("gpt2-medium.json")
    let head = BlockGraphBuilder.lmHead(config, precision: .w4a8, batchSize: 2)
    #expect(head.operation == .lmHead)
    #expect(loops(head) == ["m2", "n50257", "k1024r"])
    #expect(head.operations == 2 * 50257 * 1024)
    #expect(head.weightBytes == (50257 * 1024) / 2 + (50257 * 1024) % 2)

    let norm = try #require(BlockGraphBuilder.finalNorm(config, precision: .w4a8))
    #expect(norm.output.name == "x_final")
    #expect(loops(norm) == ["m1", "n1024r"])

    let lookup = BlockGraphBuilder.embedding(
      config, precision: .w4a8, phase: .prefill(tokens: 10))
    #expect(loops(lookup) == ["m10", "n1024"])
    #expect(lookup.inputs.map(\.name) == ["token_ids", "w_embedding", "w_position"])
    #expect(lookup.weightBytes == 2 * 10 * 1024 / 2)
    #expect(lookup.output.name == "x")
  }

  @Test("phi LM head has a bias")
  func phiHeadBias() throws {
    let config = try load("phi-2.json")
    let head = BlockGraphBuilder.lmHead(config, precision: .w4a8)
    #expect(head.inputs.map(\.name) == ["x_final", "w_lm_head", "b_lm_head"])
    let rotary = BlockGraphBuilder.embedding(config, precision: .w4a8, phase: .decode(context: 5))
    #expect(rotary.inputs.map(\.name) == ["token_ids", "w_embedding"])
  }
}
