import Testing

@testable import StreamTune

@Suite struct CostModelFusionTests {
  let chain = ["a", "b", "c", "d"]
  let chainEdges = [
    Edge(producer: 0, consumer: 1, tensor: "t0"), Edge(producer: 1, consumer: 2, tensor: "t1"),
    Edge(producer: 2, consumer: 3, tensor: "t2"),
  ]

  @Test func greedyChainSplitsAtBudget() {
    // 100 bits per kernel and 10 per edge; 27 bytes (216 bits) hold two kernels and an edge.
    let partition = FusionPartition(
      plan: .greedy(budgetBytes: 27), names: chain, edges: chainEdges,
      kernelBits: [100, 100, 100, 100], edgeBits: [10, 10, 10])

    #expect(partition.regionOfKernel == [0, 0, 1, 1])
    #expect(partition.regionCount == 2)
    #expect(partition.isFused == [true, false, true])
  }

  @Test func greedyWithLargeBudgetFusesAll() {
    let partition = FusionPartition(
      plan: .greedy(budgetBytes: 1_000), names: chain, edges: chainEdges,
      kernelBits: [100, 100, 100, 100], edgeBits: [10, 10, 10])

    #expect(partition.regionCount == 1)
  }

  @Test func explicitUnfusedEdgeSplitsChain() {
    let partition = FusionPartition(
      plan: .unfused([EdgeName("b", "c")]), names: chain, edges: chainEdges, kernelBits: [],
      edgeBits: [])

    #expect(partition.regionOfKernel == [0, 0, 1, 1])
    #expect(partition.isFused == [true, false, true])
  }

  @Test func unfusedEdgeInsideRegionStaysOnChip() {
    // a → c is unfused, but a and c are joined through b by fused edges.
    let edges = chainEdges.prefix(2) + [Edge(producer: 0, consumer: 2, tensor: "t0")]
    let partition = FusionPartition(
      plan: .unfused([EdgeName("a", "c")]), names: ["a", "b", "c"], edges: Array(edges),
      kernelBits: [], edgeBits: [])

    #expect(partition.regionCount == 1)
    #expect(partition.isFused == [true, true, true])
  }

  @Test func unfusedEdgePaysExternalTraffic() {
    let graph = BlockGraph(
      phase: .prefill(tokens: 16),
      kernels: [
        CostModelFixtures.gemm("proj_a", m: 16, n: 64, k: 64, input: "x", output: "a"),
        CostModelFixtures.gemm("proj_b", m: 16, n: 64, k: 64, input: "a", output: "b"),
      ],
      edges: [Edge(producer: 0, consumer: 1, tensor: "a")])
    let model = CostModel(
      layers: 1, workload: Workload(requests: [Request(inputTokens: 16, outputTokens: 0)]),
      precision: .w4a8, platform: CostModelFixtures.platform()
    ) { _ in graph }

    // Four-row tiles let proj_b start on the first rows while proj_a still runs.
    let streaming = KernelDesign(tile: ["m": 4], loopOrder: .reductionInner)
    var point = DesignPoint(kernels: ["proj_a": streaming, "proj_b": streaming], fusion: .all)
    let fused = model.evaluate(point)
    point.fusion = .unfused([EdgeName("proj_a", "proj_b")])
    let unfused = model.evaluate(point)

    #expect(fused.regionLatencyCycles.count == 1)
    #expect(unfused.regionLatencyCycles.count == 2)
    #expect(unfused.kernels[0].memoryCycles > fused.kernels[0].memoryCycles)
    #expect(unfused.edges[0].fused == false)
    #expect(unfused.edges[0].fifoDepth == 0)
    #expect(unfused.ttftMs > fused.ttftMs)
  }
}
