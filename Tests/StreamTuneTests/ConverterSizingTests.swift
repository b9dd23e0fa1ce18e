import Testing

@testable import StreamTune

/// Converter buffers of real block kernels, checked against sizes computed by hand.
@Suite struct ConverterSizingTests {
  private func load(_ fileName: String) throws -> TransformerConfig {
    try ModelImporter.load(path: ModelFixtures.model(fileName))
  }

  private func kernel(_ graph: BlockGraph, _ name: String) throws -> Kernel {
    try #require(graph.kernels.first { $0.name == name }, "no kernel \(name)")
  }

  /// Finds the converter of the edge from `producer` to `consumer` that carries `tensor`.
  private func converter(
    _ graph: BlockGraph, _ producer: String, _ consumer: String, tensor: String,
    producerDesign: KernelDesign, consumerDesign: KernelDesign
  ) throws -> LayoutConverter {
    let from = try kernel(graph, producer)
    let to = try kernel(graph, consumer)
    let operand = try #require(to.inputs.first { $0.name == tensor })
    let output = Itensor(
      operand: from.output, nest: LoopNest(kernel: from, design: producerDesign), isOutput: true)
    let input = Itensor(
      operand: operand, nest: LoopNest(kernel: to, design: consumerDesign), isOutput: false)
    return LayoutConverter(producer: output, consumer: input)
  }

  private let tiles = ["h": 1, "m": 32, "n": 64, "k": 64, "d": 64]

  @Test func normToProjectionBuffersRowBlock() throws {
    // TinyLlama, 512 tokens: norm1 writes X[512, 2048] in 32 × 64 tiles, rows outer. q_proj in
    // order m, n, k re-reads the 32-row block for each of its 32 n tiles, so the converter
    // holds 32 rows × 2,048 int8, twice: 1,048,576 bits, refilled 16 times.
    let graph = BlockGraphBuilder.build(
      try load("TinyLlama-1.1B-Chat-v1.0.json"), precision: .w4a8, phase: .prefill(tokens: 512))
    for order in [LoopOrder.natural, .reductionInner] {
      let found = try converter(
        graph, "norm1", "q_proj", tensor: "x_norm1", producerDesign: KernelDesign(tile: tiles),
        consumerDesign: KernelDesign(tile: tiles, loopOrder: order))

      #expect(found.slabShape == [32, 2048])
      #expect(found.reuseCount == 16)
      #expect(found.bufferBits == 2 * 32 * 2048 * 8)
      #expect(found.fillTokens == 32)
    }
  }

  @Test func reductionOuterProjectionBuffersWholeInput() throws {
    // With k outermost, q_proj reads column block 0 of every row before column block 1, so the
    // whole 512 × 2,048 int8 input is buffered: the loop order requires it.
    let graph = BlockGraphBuilder.build(
      try load("TinyLlama-1.1B-Chat-v1.0.json"), precision: .w4a8, phase: .prefill(tokens: 512))
    let found = try converter(
      graph, "norm1", "q_proj", tensor: "x_norm1", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: KernelDesign(tile: tiles, loopOrder: .reductionOuter))

    #expect(found.slabShape == [512, 2048])
    #expect(found.bufferBits == 2 * 512 * 2048 * 8)
  }

  @Test func projectionToRopeMatchesHeadView() throws {
    // q_proj writes Q[512, 2048] in 32 × 64 tiles; rope_q reads Q[512, 32, 64]. Walked rows
    // outer and heads inner, one head (64 features) per token, the streams are the same.
    let graph = BlockGraphBuilder.build(
      try load("TinyLlama-1.1B-Chat-v1.0.json"), precision: .w4a8, phase: .prefill(tokens: 512))
    let rowsOuter = KernelDesign(tile: tiles, loopOrder: .permutation(["m", "h", "d"]))
    let same = try converter(
      graph, "q_proj", "rope_q", tensor: "q", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: rowsOuter)
    #expect(same.isIdentity)

    // Two heads per producer token: the row loop is still shared, so a 32-row block of all
    // heads is buffered (32 × 32 × 64 int8, twice).
    var wide = tiles
    wide["n"] = 128
    let rowBlock = try converter(
      graph, "q_proj", "rope_q", tensor: "q", producerDesign: KernelDesign(tile: wide),
      consumerDesign: rowsOuter)
    #expect(rowBlock.slabShape == [32, 32, 64])
    #expect(rowBlock.bufferBits == 2 * 32 * 2048 * 8)

    // Heads outer, as rope_q walks by default: every row of head 0 comes before head 1, so the
    // whole tensor is buffered.
    let headsOuter = try converter(
      graph, "q_proj", "rope_q", tensor: "q", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: KernelDesign(tile: tiles))
    #expect(headsOuter.slabShape == [512, 32, 64])
  }

  @Test func attentionKeysBufferedPerHead() throws {
    // rope_k writes K[512, 4, 64] head by head; attn_score walks its 32 query heads outermost
    // and needs all 512 keys of key-value head h / 8 for every query tile. The head loop is
    // shared, so one head's keys are buffered: 512 × 64 int8, twice, refilled 4 times.
    let graph = BlockGraphBuilder.build(
      try load("TinyLlama-1.1B-Chat-v1.0.json"), precision: .w4a8, phase: .prefill(tokens: 512))
    let found = try converter(
      graph, "rope_k", "attn_score", tensor: "k_rope", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: KernelDesign(tile: tiles))

    #expect(found.slabShape == [512, 1, 64])
    #expect(found.reuseCount == 4)
    #expect(found.bufferBits == 2 * 512 * 64 * 8)
  }

  @Test func sliceConsumerBuffersItsSlice() throws {
    // GPT-2 medium, 512 tokens: qkv_proj writes [512, 3072] in 32 × 64 tiles, rows outer.
    // attn_score reads the q slice as Q[512, 16, 64], heads outer: the whole slice (not the
    // whole output) is buffered, 512 × 1,024 int8, twice.
    let graph = BlockGraphBuilder.build(
      try load("gpt2-medium.json"), precision: .w4a8, phase: .prefill(tokens: 512))
    let headsOuter = try converter(
      graph, "qkv_proj", "attn_score", tensor: "q", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: KernelDesign(tile: tiles))
    #expect(headsOuter.slabShape == [512, 16, 64])
    #expect(headsOuter.bufferBits == 2 * 512 * 1024 * 8)
    #expect(headsOuter.fillTokens == 16 * 48)

    // Rows outer on the consumer side: the row loop is shared and a 32-row block of the slice
    // is buffered, refilled 16 times; filling it takes one row block of all three slices.
    let rowsOuter = try converter(
      graph, "qkv_proj", "attn_score", tensor: "q", producerDesign: KernelDesign(tile: tiles),
      consumerDesign: KernelDesign(tile: tiles, loopOrder: .permutation(["m", "h", "n", "d"])))
    #expect(rowsOuter.slabShape == [32, 16, 64])
    #expect(rowsOuter.reuseCount == 16)
    #expect(rowsOuter.bufferBits == 2 * 32 * 1024 * 8)
    #expect(rowsOuter.fillTokens == 48)
  }

  @Test func sliceEdgesCarryTheirShare() throws {
    let graph = BlockGraphBuilder.build(
      try load("gpt2-medium.json"), precision: .w4a8, phase: .prefill(tokens: 64))
    let shares = graph.edges.map { GraphLayout.streamShare(of: $0, in: graph) }

    for (edge, share) in zip(graph.edges, shares) {
      let producer = graph.kernels[edge.producer].name
      if producer == "qkv_proj" {
        #expect(abs(share - 1.0 / 3.0) < 1e-12, "\(edge.tensor)")
      } else {
        #expect(share == 1, "\(producer) → \(edge.tensor)")
      }
    }
  }

  @Test func unfusedSliceEdgeWritesItsSlice() throws {
    // Unfused, each q, k and v edge costs the producer a third of the 64 × 3,072 int8 output.
    let graph = BlockGraphBuilder.build(
      try load("gpt2-medium.json"), precision: .w4a8, phase: .prefill(tokens: 64))
    let layout = GraphLayout(graphs: [graph], lmHead: nil)
    let producer = try #require(graph.index(of: "qkv_proj"))
    let instance = layout.phaseInstances[0][producer]

    let written = layout.edgeBytes[instance].filter { graph.edges[$0.edge].producer == producer }
    #expect(written.count == 3)
    for entry in written {
      #expect(entry.bytes == Double(64 * 1024))
    }
  }

  @Test func sliceEdgesInEvaluatedDesign() throws {
    // GPT-2 medium with a 64-token prompt, 32 × 64 tiles: each of q, k and v is 64 × 1,024
    // int8, 32 tokens of the 96 that qkv_proj writes. Attention walks heads outermost, so each
    // slice is buffered whole (2 × 64 × 1,024 × 8 bits) and its FIFO needs at most its 32
    // tokens less those in the converter.
    let config = try load("gpt2-medium.json")
    let workload = Workload(requests: [Request(inputTokens: 64, outputTokens: 2)])
    let model = CostModel(
      config: config, precision: .w4a8, workload: workload,
      platform: CostModelFixtures.platform())
    let graph = BlockGraphBuilder.build(config, precision: .w4a8, phase: .prefill(tokens: 64))
    var kernels: [String: KernelDesign] = [:]
    for kernel in graph.kernels { kernels[kernel.name] = KernelDesign(tile: tiles) }
    let point = DesignPoint(kernels: kernels, fusion: .all)

    let metrics = model.evaluate(point)
    let slices = metrics.edges.filter { $0.producer == "qkv_proj" }
    #expect(slices.map(\.tensor) == ["q", "k", "v"])
    for edge in slices {
      #expect(edge.converterBits == 2 * 64 * 1024 * 8, "\(edge.tensor)")
      #expect(edge.fifoDepth <= 32, "\(edge.tensor)")
    }
    #expect(model.evaluateReference(point).edges == metrics.edges)
  }
}
